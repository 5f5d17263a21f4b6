import { describe, expect, it } from "vitest";
import { minimizeLbfgs } from "../../../lib/models/classic/lbfgs.js";

describe("minimizeLbfgs", () => {
  // Moved from test/models/classic/cores.test.ts.
  it("L-BFGS minimises the Rosenbrock function", () => {
    const r = minimizeLbfgs((x, g) => {
      const [a, b] = [x[0]!, x[1]!];
      g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      g[1] = 200 * (b - a * a);
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    }, Float64Array.of(-1.2, 1), { maxIterations: 500, tolerance: 1e-10 });
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
  });

  const quadratic = (x: Float64Array, g: Float64Array): number => {
    // f = (x0 − 3)² + 10 (x1 + 1)², minimum 0 at (3, −1).
    g[0] = 2 * (x[0]! - 3);
    g[1] = 20 * (x[1]! + 1);
    return (x[0]! - 3) ** 2 + 10 * (x[1]! + 1) ** 2;
  };

  it("a quadratic converges to its minimum with a small gradient; the start is not changed", () => {
    const x0 = Float64Array.of(0, 0);
    const r = minimizeLbfgs(quadratic, x0);
    expect(r.converged).toBe(true);
    expect(r.reason).toMatch(/gradient small|no further decrease/);
    expect(r.x[0]).toBeCloseTo(3, 5);
    expect(r.x[1]).toBeCloseTo(-1, 5);
    expect(r.value).toBeLessThan(1e-8);
    expect(Array.from(x0)).toEqual([0, 0]);
  });

  it("already at the minimum: zero iterations", () => {
    const r = minimizeLbfgs(quadratic, Float64Array.of(3, -1));
    expect(r).toMatchObject({ iterations: 0, converged: true, reason: "gradient small", value: 0 });
  });

  it("stops at maxIterations and says so", () => {
    const r = minimizeLbfgs(quadratic, Float64Array.of(100, 100), { maxIterations: 1 });
    expect(r).toMatchObject({ iterations: 1, converged: false, reason: "reached 1 iterations" });
    expect(r.value).toBeLessThan(quadratic(Float64Array.of(100, 100), new Float64Array(2)));
  });

  it("a non-finite objective at the start is an error", () => {
    expect(() => minimizeLbfgs(() => NaN, new Float64Array(1))).toThrow("L-BFGS: objective is NaN at the start");
  });
});
