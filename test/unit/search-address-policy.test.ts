import assert from "node:assert/strict";
import { test } from "node:test";
import { createAddressPolicy } from "../../src/search/address-policy.js";

const verdict = (address: string, allow: string[] = []) => createAddressPolicy(allow).check(address);

test("public unicast addresses are allowed", () => {
  for (const address of ["8.8.8.8", "93.184.216.34", "2606:4700::1111", "::ffff:8.8.4.4"]) {
    assert.deepEqual(verdict(address), { allowed: true }, address);
  }
});

test("loopback, private, link-local, CGNAT, unique-local, multicast, reserved and tunnels are refused", () => {
  const cases: Array<[string, string]> = [
    ["127.0.0.1", "loopback"],
    ["127.45.6.7", "loopback"],
    ["::1", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.5.4", "private"],
    ["192.168.1.1", "private"],
    ["169.254.1.1", "linkLocal"],
    ["fe80::1", "linkLocal"],
    ["100.64.0.1", "carrierGradeNat"],
    ["fd12:3456::1", "uniqueLocal"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:10.1.2.3", "private"],
    ["2002:7f00:1::", "6to4"],
    ["64:ff9b::a00:1", "rfc6052"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "teredo"],
  ];
  for (const [address, range] of cases)
    assert.deepEqual(verdict(address), { allowed: false, range }, address);
});

test("cloud metadata endpoints are refused as `metadata`", () => {
  for (const address of [
    "169.254.169.254",
    "169.254.170.2",
    "100.100.100.200",
    "192.0.0.192",
    "fd00:ec2::254",
  ]) {
    assert.deepEqual(verdict(address), { allowed: false, range: "metadata" }, address);
  }
  assert.deepEqual(verdict("::ffff:169.254.169.254"), { allowed: false, range: "metadata" });
});

test("the allow-list opens ranges, but metadata only when named exactly", () => {
  assert.deepEqual(verdict("127.0.0.1", ["127.0.0.0/8"]), { allowed: true });
  assert.deepEqual(verdict("10.2.3.4", ["10.0.0.0/8", "fd00::/8"]), { allowed: true });
  assert.deepEqual(verdict("fd00::5", ["10.0.0.0/8", "fd00::/8"]), { allowed: true });
  assert.deepEqual(verdict("10.2.3.4", ["127.0.0.0/8"]), { allowed: false, range: "private" });
  assert.deepEqual(verdict("127.0.0.2", ["127.0.0.2"]), { allowed: true }, "a single address");
  assert.deepEqual(verdict("127.0.0.1", ["127.0.0.2"]), { allowed: false, range: "loopback" });
  assert.deepEqual(verdict("169.254.169.254", ["169.254.0.0/16"]), { allowed: false, range: "metadata" });
  assert.deepEqual(verdict("169.254.169.254", ["0.0.0.0/0"]), { allowed: false, range: "metadata" });
  assert.deepEqual(verdict("169.254.169.254", ["169.254.169.254/32"]), { allowed: true });
});

test("a bad allow-list entry is an error naming it", () => {
  assert.throws(() => createAddressPolicy(["10.0.0.0/8", "intranet"]), {
    code: "invalid_argument",
    param: "allowNetworks",
    message: "'intranet' is not a network (expected CIDR like 10.0.0.0/8).",
  });
});
