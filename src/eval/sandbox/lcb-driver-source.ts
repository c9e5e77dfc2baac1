/**
 * The Python half of the code grader, run with `python -I -c` inside the sandbox (one process per program).
 * It is LiveCodeBench's grading logic (lcb_runner/evaluation/testing_util.py at 28fef95) re-implemented:
 * import prelude, `if __name__ == '__main__':` unwrapping, patched stdin, Decimal line comparison,
 * `class Solution` calls, per-test SIGALRM, stop at the first failure.
 *
 * Why a string and not a .py file: tsc does not copy .py files to dist/, and the published package ships
 * dist/ only, so a file beside the sources would be missing at run time. A string travels with the
 * compiled module and needs nothing on disk (the sandbox's filesystem is read-only anyway).
 * Keep it free of backticks and dollar-brace: it is a raw template literal.
 */
export const LCB_DRIVER_SOURCE = String.raw`# deepthink LiveCodeBench driver. It runs INSIDE the sandbox, one process per generated program: it reads
# one job (JSON) on stdin, grades the program against its tests with the semantics of LiveCodeBench's
# lcb_runner/evaluation/testing_util.py, and streams events, one JSON object a line, each prefixed by the
# job's nonce, on a private copy of fd 1. Node owns the clock that really counts (it kills the process
# group); the SIGALRM timer here is LiveCodeBench's own per-test limit.
import ast
import json
import os
import resource
import signal
import sys
import time
from contextlib import ExitStack
from decimal import Decimal
from io import StringIO
from types import ModuleType
from unittest import mock

# LiveCodeBench's import_string, byte for byte: solutions that forget an import pass there, so they must here.
PRELUDE = (
    "from string import *\nfrom re import *\nfrom datetime import *\nfrom collections import *\n"
    "from heapq import *\nfrom bisect import *\nfrom copy import *\nfrom math import *\n"
    "from random import *\nfrom statistics import *\nfrom itertools import *\nfrom functools import *\n"
    "from operator import *\nfrom io import *\nfrom sys import *\nfrom json import *\n"
    "from builtins import *\nfrom typing import *\nimport string\nimport re\nimport datetime\n"
    "import collections\nimport heapq\nimport bisect\nimport copy\nimport math\nimport random\n"
    "import statistics\nimport itertools\nimport functools\nimport operator\nimport io\nimport sys\n"
    "import json\nsys.setrecursionlimit(50000)\n"
)

LIMITS = {
    "addressSpaceBytes": resource.RLIMIT_AS,
    "cpuSeconds": resource.RLIMIT_CPU,
    "maxProcesses": resource.RLIMIT_NPROC,
    "fileSizeBytes": resource.RLIMIT_FSIZE,
    "openFiles": resource.RLIMIT_NOFILE,
    "coreBytes": resource.RLIMIT_CORE,
}


class TimeoutException(Exception):
    pass


class OutputLimitExceeded(Exception):
    pass


def on_alarm(signum, frame):
    raise TimeoutException


def shorten(value, length=300):
    text = value if isinstance(value, str) else repr(value)
    if len(text) <= length:
        return text
    return text[: length // 2] + "...(truncated) ..." + text[-length // 2 :]


class CapturedStdout(StringIO):
    """LiveCodeBench's in-memory stdout capture, with a size cap so a printing loop cannot eat the memory limit."""

    def __init__(self, limit):
        super().__init__()
        self.limit = limit
        self.size = 0

    def write(self, text):
        self.size += len(text)
        if self.size > self.limit:
            raise OutputLimitExceeded(f"stdout exceeded {self.limit} characters")
        return super().write(text)


def unwrap_main_guard(code):
    # LiveCodeBench's clean_if_name: a trailing "if __name__ == '__main__':" block becomes top-level code.
    try:
        tree = ast.parse(code)
        last = tree.body[-1]
        if isinstance(last, ast.If) and ast.unparse(last.test).strip() == "__name__ == '__main__'":
            code = ast.unparse(tree.body[:-1]) + "\n" + ast.unparse(last.body)
    except BaseException:
        pass
    return code


def wrap_in_function(code):
    # LiveCodeBench's make_function: top-level imports stay, everything else becomes the body of
    # "wrapped_function()", so each test runs the whole program afresh. Unparsable code is returned as is
    # (and then fails to compile), exactly as there.
    try:
        tree = ast.parse(code)
        imports = [s for s in tree.body if isinstance(s, (ast.Import, ast.ImportFrom))]
        others = [s for s in tree.body if not isinstance(s, (ast.Import, ast.ImportFrom))]
        no_args = ast.arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[])
        fn = ast.FunctionDef(name="wrapped_function", args=no_args, body=others, decorator_list=[], lineno=-1)
        return PRELUDE + "\n" + ast.unparse(imports) + "\n" + ast.unparse(fn)
    except Exception:
        return code


def load(code):
    module = ModuleType("tmp_sol", "")
    exec(code, module.__dict__)
    # LiveCodeBench's own test for "this is a LeetCode solution": the text, not the module contents.
    solution = module.Solution() if "class Solution" in code else module
    assert solution is not None
    return solution


def run_stdin_program(fn, text, limit):
    """One stdin test as LiveCodeBench runs it; returns the captured stdout."""
    lines = iter(text.split("\n"))
    captured = CapturedStdout(limit)
    captured.close = lambda x: 1  # LiveCodeBench makes close() a (one-argument) no-op
    saved = sys.stdout
    with ExitStack() as stack:
        # The patches of LiveCodeBench's decorator stack, entered in the same (bottom-up) order: the read
        # helpers land on the real sys.stdin, which code reaches through "from sys import stdin" (a hoisted
        # import), and only then is sys.stdin replaced by a StringIO.
        stack.enter_context(mock.patch("sys.stdin.read", lambda *a: text))
        stack.enter_context(mock.patch("sys.stdin.readlines", lambda *a: text.split("\n")))
        stack.enter_context(mock.patch("sys.stdin.readline", lambda *a: next(lines)))
        stack.enter_context(mock.patch("sys.stdin", StringIO(text)))
        stack.enter_context(mock.patch("builtins.open", mock.mock_open(read_data=text)))
        sys.stdout = captured
        try:
            fn()
        except SystemExit:
            pass
        finally:
            sys.stdout = saved
    return captured.getvalue()


def stripped_lines(text):
    return [line.strip() for line in text.strip().split("\n")]


def as_decimals(line):
    try:
        return [Decimal(token) for token in line.split()]
    except BaseException:
        return None


def compare_stdout(got, expected):
    """None when equal under LiveCodeBench's rule, else why not."""
    got_lines, expected_lines = stripped_lines(got), stripped_lines(expected)
    if len(got_lines) != len(expected_lines):
        return f"Wrong answer: mismatched output length ({len(got_lines)} lines, expected {len(expected_lines)})"
    for index, (a, b) in enumerate(zip(got_lines, expected_lines)):
        if a == b:
            continue
        # Exact decimals, no tolerance: "1.0" equals "1", "0.3333333" does not equal "0.33333333".
        da, db = as_decimals(a), as_decimals(b)
        if da is None or db is None or da != db:
            return f"Wrong answer at line {index}: {shorten(a)} != {shorten(b)}"
    return None


def reliability_guard():
    # LiveCodeBench's reliability_guard (memory limit None, its default). NOT a security boundary; applied
    # for parity, since it changes what programs can do (os.getcwd(), os.environ[...] = ..., quit()).
    import builtins
    import shutil
    import subprocess

    os.environ["OMP_NUM_THREADS"] = "1"
    builtins.quit = None
    builtins.help = None
    for name in (
        "kill", "system", "putenv", "remove", "removedirs", "rmdir", "fchdir", "setuid", "fork", "forkpty",
        "killpg", "rename", "renames", "truncate", "replace", "unlink", "fchmod", "fchown", "chmod", "chown",
        "chroot", "lchflags", "lchmod", "lchown", "getcwd", "chdir",
    ):
        setattr(os, name, None)
    shutil.rmtree = shutil.move = shutil.chown = None
    subprocess.Popen = None
    for name in ("ipdb", "joblib", "resource", "psutil", "tkinter"):
        sys.modules[name] = None


class Grader:
    def __init__(self, job, emit):
        self.job = job
        self.emit = emit
        self.timeout = job["timeoutMs"] / 1000

    def timed(self, fn):
        """Runs fn under the per-test alarm: (None, value, ms), or (verdict, detail, ms) when it raised."""
        start = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, self.timeout)
        try:
            value = fn()
            signal.setitimer(signal.ITIMER_REAL, 0)
            return None, value, (time.perf_counter() - start) * 1000
        except BaseException as error:  # a program may raise anything, SystemExit included
            signal.setitimer(signal.ITIMER_REAL, 0)
            ms = (time.perf_counter() - start) * 1000
            if isinstance(error, TimeoutException):
                return "timeout", f"Time Limit Exceeded ({self.timeout:g} s)", ms
            return "runtime-error", f"Runtime Error: {shorten(repr(error))}", ms

    def compile(self, code, name):
        """The compiled program's entry point, or None after reporting test 0 as failed."""
        self.emit(e="compile")
        verdict, value, ms = self.timed(lambda: load(code))
        if verdict is None:
            value = getattr(value, name, None)
            if value is not None:
                return value
            verdict, value = "compile-error", f"Compilation error: no function or Solution method {name!r}"
        elif verdict == "runtime-error":
            verdict, value = "compile-error", "Compilation error: " + value.removeprefix("Runtime Error: ")
        self.emit(e="result", i=0, verdict=verdict, ms=ms, detail=value)
        return None

    def run(self):
        tests = self.job["tests"]
        if self.job["mode"] == "functional":
            try:
                cases = [([json.loads(l) for l in t["input"].split("\n")], json.loads(t["output"])) for t in tests]
            except ValueError as error:
                self.emit(e="bad-tests", detail=shorten(repr(error)))
                return
            method = self.compile(PRELUDE + "\n\n" + self.job["code"], self.job["fnName"])
            if method is not None:
                self.functional(method, cases)
        else:
            code = wrap_in_function(unwrap_main_guard(self.job["code"]))
            fn = self.compile(code, "wrapped_function")
            if fn is not None:
                self.stdin(fn, tests)

    def functional(self, method, cases):
        for index, (args, expected) in enumerate(cases):
            self.emit(e="start", i=index)
            verdict, value, ms = self.timed(lambda: method(*args))
            if verdict is None:
                # Tuples count as lists (ground truth never has tuples); nothing else is normalised.
                got = list(value) if isinstance(value, tuple) else value
                try:
                    if not (got == expected):
                        verdict, value = "wrong", f"Wrong Answer: got {shorten(got)}, expected {shorten(expected)}"
                except Exception as error:
                    verdict, value = "runtime-error", f"Runtime Error: {shorten(repr(error))}"
            self.emit(e="result", i=index, verdict=verdict or "pass", ms=ms, detail=None if verdict is None else value)
            if verdict is not None:
                return

    def stdin(self, fn, tests):
        limit = self.job["maxCapturedChars"]
        for index, test in enumerate(tests):
            self.emit(e="start", i=index)
            verdict, value, ms = self.timed(lambda: run_stdin_program(fn, test["input"], limit))
            if verdict is None:
                value = compare_stdout(value, test["output"])
                verdict = "wrong" if value is not None else None
            self.emit(e="result", i=index, verdict=verdict or "pass", ms=ms, detail=value)
            if verdict is not None:
                return


def main():
    job = json.loads(sys.stdin.buffer.read())
    for key, which in LIMITS.items():
        value = job["limits"].get(key)
        if value is not None:
            resource.setrlimit(which, (value, value))
    events = os.fdopen(os.dup(1), "w", encoding="utf-8")
    # Stray writes to fd 1 (os.write, sys.__stdout__, C code) go to the capped stderr, never into the events.
    os.dup2(2, 1)
    nonce, dumps, exit_now, getpid = job.pop("nonce"), json.dumps, os._exit, os.getpid
    driver_pid = getpid()

    def emit(**event):
        if getpid() != driver_pid:
            exit_now(1)  # a process the program forked is unwinding through driver code: it must not report
        events.write(nonce + dumps(event) + "\n")
        events.flush()

    if hasattr(sys, "set_int_max_str_digits"):  # Python >= 3.11 (and late 3.8-3.10 patch releases)
        sys.set_int_max_str_digits(50000)  # set by LiveCodeBench's compute_code_generation_metrics
    signal.signal(signal.SIGALRM, on_alarm)
    if job["reliabilityGuard"]:
        reliability_guard()
    emit(e="ready")
    Grader(job, emit).run()
    emit(e="done")
    # No interpreter shutdown: atexit hooks and stray threads of the program must not run after grading.
    exit_now(0)


main()
`;
