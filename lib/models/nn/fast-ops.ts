import * as tf from "@tensorflow/tfjs";

/**
 * TF.js ops that are slow on the wasm backend (TF.js 4.22), replaced by faster equivalents.
 * Measured on this project's 2-core machine (1024×64 / 1024×256 float32 tensors):
 *
 * - `tf.slice` on wasm reads the *whole* input into a JS copy (`readSync`) before copying the
 *   slice out: slicing one time step out of a [T·B, 4H] tensor costs ~9 ms. {@link fastSlice}
 *   registers a kernel that reads the wasm heap in place (a view), so a slice costs its own size.
 * - `tf.matMul(a, b, transposeA, transposeB)` with a transpose flag runs ~7× slower than an
 *   explicit `tf.transpose` followed by a plain matMul (4.0 ms vs 0.6 ms at 1024×64×64), and
 *   autodiff of matMul uses exactly those flags. {@link matMul2d} and {@link batchMatMul}
 *   compute their gradients with explicit transposes.
 * - `tf.tanh` is ~10× slower than `tf.sigmoid`; {@link tanhFast} uses tanh(x) = 2σ(2x) − 1.
 * - `tf.sum(x, 0)` over many rows is slow; bias gradients use a ones-row matMul instead.
 *
 * On other backends (tfjs-node, cpu) the standard ops are used.
 */

const FAST_SLICE = "LoglabFastSlice";

interface WasmLikeBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

function copySlice(
  xv: Float32Array | Int32Array | Uint8Array,
  ov: Float32Array | Int32Array | Uint8Array,
  shape: readonly number[],
  begin: readonly number[],
  size: readonly number[],
): void {
  const rank = shape.length;
  // Merge trailing dimensions that are taken whole into one contiguous run.
  let last = rank - 1;
  let run = size[last]!;
  while (last > 0 && size[last] === shape[last] && begin[last] === 0) {
    last--;
    run *= size[last]!;
  }
  // `last` is now the innermost dimension that is cut; everything after it is whole.
  const strides = new Array<number>(rank).fill(1);
  for (let d = rank - 2; d >= 0; d--) strides[d] = strides[d + 1]! * shape[d + 1]!;
  if (last === 0) {
    const off = begin[0]! * strides[0]!;
    ov.set(xv.subarray(off, off + run));
    return;
  }
  // Iterate over the index tuples of dims 0..last-1; copy `run` elements each.
  const idx = new Array<number>(last).fill(0);
  let out = 0;
  for (;;) {
    let off = begin[last]! * strides[last]!;
    for (let d = 0; d < last; d++) off += (begin[d]! + idx[d]!) * strides[d]!;
    ov.set(xv.subarray(off, off + run), out);
    out += run;
    let d = last - 1;
    while (d >= 0) {
      idx[d]!++;
      if (idx[d]! < size[d]!) break;
      idx[d] = 0;
      d--;
    }
    if (d < 0) break;
  }
}

let registered = false;

/** Registers the fast slice kernel (wasm) and its gradient once per process. */
function ensureRegistered(): void {
  if (registered) return;
  registered = true;
  if (!tf.getKernel(FAST_SLICE, "wasm")) {
    tf.registerKernel({
      kernelName: FAST_SLICE,
      backendName: "wasm",
      kernelFunc: ({ inputs, attrs, backend }) => {
        const x = inputs.x as tf.TensorInfo;
        const { begin, size } = attrs as unknown as { begin: number[]; size: number[] };
        const b = backend as unknown as WasmLikeBackend;
        // makeOutput may grow the wasm memory, which detaches earlier views: allocate first.
        const out = b.makeOutput(size, x.dtype);
        copySlice(b.typedArrayFromHeap(x), b.typedArrayFromHeap(out), x.shape, begin, size);
        return out;
      },
    });
  }
  if (!tf.getGradient(FAST_SLICE)) {
    tf.registerGradient({
      kernelName: FAST_SLICE,
      inputsToSave: ["x"],
      gradFunc: (dy, saved, attrs) => {
        const [x] = saved as tf.Tensor[];
        const { begin, size } = attrs as unknown as { begin: number[]; size: number[] };
        const paddings = x!.shape.map((d, i) => [begin[i]!, d - begin[i]! - size[i]!] as [number, number]);
        return { x: () => tf.pad(dy as tf.Tensor, paddings) };
      },
    });
  }
}

/**
 * `tf.slice(x, begin, size)` without wasm's whole-input copy. Full `begin` and `size` arrays
 * (no -1). Differentiable (the gradient pads, as tf.slice's does).
 */
export function fastSlice<T extends tf.Tensor>(x: T, begin: readonly number[], size: readonly number[]): T {
  if (begin.length !== x.rank || size.length !== x.rank) {
    throw new Error(`fastSlice: begin/size must have rank ${x.rank}, got ${begin.length}/${size.length}`);
  }
  for (let d = 0; d < x.rank; d++) {
    if (begin[d]! < 0 || size[d]! < 0 || begin[d]! + size[d]! > x.shape[d]!) {
      throw new Error(`fastSlice: [${begin}] + [${size}] is outside shape [${x.shape}]`);
    }
  }
  if (tf.getBackend() !== "wasm") return tf.slice(x, begin as number[], size as number[]) as T;
  ensureRegistered();
  return tf.engine().runKernel(FAST_SLICE, { x }, { begin: [...begin], size: [...size] } as unknown as tf.NamedAttrMap) as T;
}

/** Rows [start, start + count) of a 2-D tensor (a contiguous copy). */
export function sliceRows(x: tf.Tensor2D, start: number, count: number): tf.Tensor2D {
  return fastSlice(x, [start, 0], [count, x.shape[1]]);
}

/** Columns [start, start + count) of a 2-D tensor. */
export function sliceColumns(x: tf.Tensor2D, start: number, count: number): tf.Tensor2D {
  return fastSlice(x, [0, start], [x.shape[0], count]);
}

/** Splits a 2-D tensor into `n` equal column blocks. */
export function splitColumns(x: tf.Tensor2D, n: number): tf.Tensor2D[] {
  const w = x.shape[1] / n;
  if (!Number.isInteger(w)) throw new Error(`splitColumns: ${x.shape[1]} columns do not split into ${n}`);
  return Array.from({ length: n }, (_, i) => sliceColumns(x, i * w, w));
}

/** Splits a 2-D tensor into `n` equal row blocks (contiguous copies). */
export function splitRows(x: tf.Tensor2D, n: number): tf.Tensor2D[] {
  const h = x.shape[0] / n;
  if (!Number.isInteger(h)) throw new Error(`splitRows: ${x.shape[0]} rows do not split into ${n}`);
  return Array.from({ length: n }, (_, i) => sliceRows(x, i * h, h));
}

const matMul2dGrad = customGradOp<tf.Tensor2D>(([a, b], save) => {
  save([a!, b!]);
  return {
    value: tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
    gradFunc: (g, saved) => {
      const [sa, sb] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [tf.matMul(g, tf.transpose(sb)), tf.matMul(tf.transpose(sa), g)];
    },
  };
});

/** `a · b` for 2-D tensors; its gradient uses explicit transposes (fast on wasm). */
export function matMul2d(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return matMul2dGrad(a, b);
}

const batchMatMulGrad = customGradOp<tf.Tensor3D>(([a, b], save) => {
  save([a!, b!]);
  return {
    value: tf.matMul(a as tf.Tensor3D, b as tf.Tensor3D),
    gradFunc: (g, saved) => {
      const [sa, sb] = saved as [tf.Tensor3D, tf.Tensor3D];
      return [tf.matMul(g, tf.transpose(sb, [0, 2, 1])), tf.matMul(tf.transpose(sa, [0, 2, 1]), g)];
    },
  };
});

/** Batched `a · b` for 3-D tensors [n, i, k] · [n, k, j]; gradient with explicit transposes. */
export function batchMatMul(a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D {
  return batchMatMulGrad(a, b);
}

const denseGrad = customGradOp<tf.Tensor2D>(([x, w, b], save) => {
  save([x!, w!]);
  return {
    value: tf.add(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), b!) as tf.Tensor2D,
    gradFunc: (g, saved) => {
      const [sx, sw] = saved as [tf.Tensor2D, tf.Tensor2D];
      const ones = tf.ones([1, g.shape[0]]) as tf.Tensor2D;
      return [tf.matMul(g, tf.transpose(sw)), tf.matMul(tf.transpose(sx), g), tf.reshape(tf.matMul(ones, g), [g.shape[1]])];
    },
  };
});

/** `x · w + b` for x [n, in], w [in, out], b [out], with fast gradients. */
export function dense2d(x: tf.Tensor2D, w: tf.Tensor2D, b?: tf.Tensor1D): tf.Tensor2D {
  return b ? denseGrad(x, w, b) : matMul2dGrad(x, w);
}

/**
 * A dense layer applied over the last axis of a tensor of any rank ≥ 2 (reshapes to 2-D and
 * back, which is free).
 */
export function denseLastAxis(x: tf.Tensor, w: tf.Tensor2D, b?: tf.Tensor1D): tf.Tensor {
  const lead = x.shape.slice(0, -1);
  const rows = lead.reduce((p, d) => p * d, 1);
  const y = dense2d(tf.reshape(x, [rows, x.shape[x.rank - 1]!]), w, b);
  return tf.reshape(y, [...lead, w.shape[1]]);
}

/** tanh(x) computed as 2σ(2x) − 1 (wasm's tanh kernel is ~10× slower than its sigmoid). */
export function tanhFast<T extends tf.Tensor>(x: T): T {
  return tf.sub(tf.mul(tf.sigmoid(tf.mul(x, 2)), 2), 1) as T;
}

/** Sum over the rows of a 2-D tensor ([n, m] → [m]) as a ones-row matMul (faster than tf.sum on wasm). */
export function sumRows(x: tf.Tensor2D): tf.Tensor1D {
  return tf.reshape(matMul2d(tf.ones([1, x.shape[0]]) as tf.Tensor2D, x), [x.shape[1]]) as tf.Tensor1D;
}

/**
 * `tf.customGrad` with typed inputs: `f(inputs, save)` returns the value and a gradient function
 * giving one gradient per input.
 */
export function customGradOp<T extends tf.Tensor>(
  f: (inputs: tf.Tensor[], save: tf.GradSaveFunc) => { value: T; gradFunc: (dy: T, saved: tf.Tensor[]) => tf.Tensor[] },
): (...inputs: tf.Tensor[]) => T {
  const wrapped = tf.customGrad(((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args[args.length - 1] as tf.GradSaveFunc;
    return f(args.slice(0, -1) as tf.Tensor[], save);
  }) as Parameters<typeof tf.customGrad<T>>[0]);
  return (...inputs: tf.Tensor[]) => wrapped(...inputs);
}
