/**
 * Open connections per client address, across both transports (SPEC: Access, limits).
 * A limit of 0 means unlimited.
 */
export class AddressLimiter {
  private readonly open = new Map<string, number>();

  constructor(private readonly maxPerAddress: number) {}

  /** Takes a slot for `address`; false when it already has the maximum. */
  acquire(address: string): boolean {
    const count = this.open.get(address) ?? 0;
    if (this.maxPerAddress > 0 && count >= this.maxPerAddress) return false;
    this.open.set(address, count + 1);
    return true;
  }

  release(address: string): void {
    const count = (this.open.get(address) ?? 1) - 1;
    if (count <= 0) this.open.delete(address);
    else this.open.set(address, count);
  }
}
