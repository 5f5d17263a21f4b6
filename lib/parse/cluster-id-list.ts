/**
 * The cluster id of every parsed line between the two passes of a parse: Int32 blocks of 2^20
 * ids (4 MiB) appended as needed, so memory is 4 bytes a line with no doubling slack and no copy
 * of the whole list when it grows (at 11M lines a doubling array peaks at 12 bytes a line).
 */
export class ClusterIdList {
  private static readonly SHIFT = 20;
  private static readonly SIZE = 1 << ClusterIdList.SHIFT;
  private static readonly MASK = ClusterIdList.SIZE - 1;
  private readonly blocks: Int32Array[] = [];
  length = 0;

  push(id: number): void {
    const i = this.length++;
    const b = i >>> ClusterIdList.SHIFT;
    if (b === this.blocks.length) this.blocks.push(new Int32Array(ClusterIdList.SIZE));
    this.blocks[b]![i & ClusterIdList.MASK] = id;
  }

  get(i: number): number {
    return this.blocks[i >>> ClusterIdList.SHIFT]![i & ClusterIdList.MASK]!;
  }

  /** Ids [start, end) as one array of their own. */
  slice(start: number, end: number): Int32Array {
    const out = new Int32Array(end - start);
    for (let i = start; i < end; ) {
      const b = i >>> ClusterIdList.SHIFT;
      const at = i & ClusterIdList.MASK;
      const n = Math.min(end - i, ClusterIdList.SIZE - at);
      out.set(this.blocks[b]!.subarray(at, at + n), i - start);
      i += n;
    }
    return out;
  }
}
