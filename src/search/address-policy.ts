/**
 * Which IP addresses a page fetch may connect to. Only public unicast addresses, by default: loopback,
 * private (RFC 1918), link-local, CGNAT, unique-local, multicast, reserved, 6to4/Teredo/NAT64 (which can
 * embed any of those) and the cloud metadata endpoints are refused. IPv4-mapped IPv6 (`::ffff:10.0.0.1`)
 * is judged as the IPv4 address it is.
 *
 * The operator's allow-list (`allowNetworks`, CIDRs) opens ranges for intranets and tests. Metadata
 * addresses stay closed unless an entry names exactly that address (`/32`, `/128`), so opening
 * `169.254.0.0/16` for link-local devices, or even `0.0.0.0/0`, never exposes cloud credentials by accident.
 */
import ipaddr from "ipaddr.js";
import { DeepthinkError } from "../errors.js";

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** AWS/GCP/Azure/OpenStack, AWS ECS task credentials, Alibaba Cloud, Oracle Cloud, AWS IPv6. */
const METADATA = ["169.254.169.254", "169.254.170.2", "100.100.100.200", "192.0.0.192", "fd00:ec2::254"];

export type AddressVerdict = { allowed: true } | { allowed: false; range: string };

export interface AddressPolicy {
  check(address: string): AddressVerdict;
}

function parseNetwork(entry: string): [Address, number] {
  const text = entry.trim();
  try {
    if (text.includes("/")) return ipaddr.parseCIDR(text);
    const address = ipaddr.parse(text);
    return [address, address.kind() === "ipv4" ? 32 : 128];
  } catch (error) {
    throw new DeepthinkError(
      "invalid_argument",
      `'${entry}' is not a network (expected CIDR like 10.0.0.0/8).`,
      {
        param: "allowNetworks",
        cause: error,
        hint: "list addresses or CIDR ranges, e.g. 127.0.0.0/8,fd00::/8",
      },
    );
  }
}

function contains(network: [Address, number], address: Address): boolean {
  return network[0].kind() === address.kind() && address.match(network);
}

export function createAddressPolicy(allowNetworks: readonly string[] = []): AddressPolicy {
  const allowed = allowNetworks.map(parseNetwork);
  const metadata = METADATA.map((text) => ipaddr.parse(text));
  return {
    check(text: string): AddressVerdict {
      let address: Address;
      try {
        address = ipaddr.process(text); // unwraps IPv4-mapped IPv6
      } catch {
        return { allowed: false, range: "invalid" };
      }
      const isMetadata = metadata.some(
        (m) => m.kind() === address.kind() && m.toString() === address.toString(),
      );
      if (isMetadata) {
        const exact = allowed.some(
          ([network, bits]) =>
            bits === (address.kind() === "ipv4" ? 32 : 128) && contains([network, bits], address),
        );
        return exact ? { allowed: true } : { allowed: false, range: "metadata" };
      }
      const range = address.range();
      if (range === "unicast") return { allowed: true };
      if (allowed.some((network) => contains(network, address))) return { allowed: true };
      return { allowed: false, range };
    },
  };
}
