/**
 * @module Address headers as the rest of the employee uses them: plain lowercase-preserving
 * `local@domain` strings, groups flattened, invisible characters removed.
 */
import type { AddressObject, EmailAddress } from "mailparser";
import { stripInvisibleUnicode } from "../../governance/invisible-unicode.js";

/** Bounds a hostile header with thousands of recipients. */
export const MAX_ADDRESSES_PER_HEADER = 200;

export function addressList(header: AddressObject | AddressObject[] | undefined): string[] {
  const objects = header === undefined ? [] : Array.isArray(header) ? header : [header];
  const addresses: string[] = [];
  const visit = (entries: EmailAddress[], depth: number) => {
    for (const entry of entries) {
      if (addresses.length >= MAX_ADDRESSES_PER_HEADER) return;
      if (entry.address) addresses.push(stripInvisibleUnicode(entry.address).trim());
      if (entry.group && depth < 2) visit(entry.group, depth + 1);
    }
  };
  for (const object of objects) visit(object.value, 0);
  return [...new Set(addresses.filter((address) => address !== ""))];
}

/** The first mailbox of a header: address and display name. */
export function firstAddress(
  header: AddressObject | undefined,
): { address: string; name: string } | undefined {
  const entry = header?.value.find((value) => value.address) ?? header?.value[0]?.group?.[0];
  if (!entry?.address) return undefined;
  return {
    address: stripInvisibleUnicode(entry.address).trim(),
    name: stripInvisibleUnicode(entry.name).trim(),
  };
}
