/**
 * The prompt templates, byte-exact from their sources (see docs/eval.md "Prompts"):
 * - R1 math: the question, a newline, then the README's directive (the layout the community
 *   reproductions use; the README only says to "include" the directive);
 * - lighteval math: open-r1/lighteval's `MATH_QUERY_TEMPLATE` (two spaces after "clearly." included);
 * - multiple choice: simple-evals' `QUERY_TEMPLATE_MULTICHOICE`, which the R1 paper names for GPQA;
 * - code: LiveCodeBench's DeepSeek-R1 body (`get_deepseek_r1_question_template_answer`) without its
 *   raw `<｜Assistant｜>` suffix, since the chat template adds the turn markers.
 * Changing any of these changes PROMPT_VERSION, and with it every run's hash.
 */
import { MATH_DIRECTIVE } from "../../protocol/index.js";

/** Part of every run's identity: bump when a template's text changes. */
export const PROMPT_VERSION = 1;

export function r1MathPrompt(question: string): string {
  return `${question.trim()}\n${MATH_DIRECTIVE}`;
}

export function lightevalMathPrompt(question: string): string {
  return (
    "Solve the following math problem efficiently and clearly.  The last line of your response should be " +
    "of the following format: 'Therefore, the final answer is: $\\boxed{ANSWER}$. I hope it is correct' " +
    "(without quotes) where ANSWER is just the final number or expression that solves the problem. " +
    `Think step by step before answering.\n\n${question}`
  );
}

export const CHOICE_LETTERS = ["A", "B", "C", "D"] as const;

export function multipleChoicePrompt(question: string, options: readonly string[]): string {
  const lines = options.map((option, i) => `${CHOICE_LETTERS[i]}) ${option}`);
  return (
    "Answer the following multiple choice question. The last line of your response should be of the " +
    "following format: 'Answer: $LETTER' (without quotes) where LETTER is one of ABCD. Think step by " +
    `step before answering.\n\n${question}\n\n${lines.join("\n")}`
  );
}

const WITH_STARTER_CODE =
  "You will use the following starter code to write the solution to the problem and enclose your code within delimiters.";
const WITHOUT_STARTER_CODE =
  "Read the inputs from stdin solve the problem and write the answer to stdout (do not directly test on the " +
  "sample inputs). Enclose your code within delimiters as follows. Ensure that when the python program " +
  "runs, it reads the inputs, runs the algorithm and writes output to STDOUT.";

export function codePrompt(question: string, starterCode: string | undefined): string {
  let prompt =
    "You will be given a question (problem specification) and will generate a correct Python program that " +
    `matches the specification and passes all tests.\n\nQuestion: ${question}\n\n`;
  if (starterCode != null && starterCode !== "") {
    prompt += `${WITH_STARTER_CODE}\n\`\`\`python\n${starterCode}\n\`\`\`\n\n`;
  } else {
    prompt += `${WITHOUT_STARTER_CODE}\n\`\`\`python\n# YOUR CODE HERE\n\`\`\`\n\n`;
  }
  return prompt;
}
