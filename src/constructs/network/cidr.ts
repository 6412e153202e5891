/**
 * The `n`th subnet of `newBits` more bits inside a CIDR block, like
 * Terraform's cidrsubnet(), computed here so the synthesized JSON shows the
 * literal block a reviewer can read.
 */
export function cidrSubnet(cidr: string, newBits: number, n: number): string {
  const [address, prefixText] = cidr.split('/') as [string, string];
  const prefix = Number(prefixText);
  const newPrefix = prefix + newBits;
  if (newPrefix > 32 || n < 0 || n >= 2 ** newBits) throw new RangeError(`subnet ${n} of ${cidr} with ${newBits} more bits does not exist`);
  const base = address.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const network = base - (base % 2 ** (32 - prefix));
  const start = network + n * 2 ** (32 - newPrefix);
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(start / 2 ** shift) % 256);
  return `${octets.join('.')}/${newPrefix}`;
}
