import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import "../../../lib/models/bert/register-bert-layers.js";

describe("register-bert-layers", () => {
  it("registers the BERT layers and the nn layers they build on", () => {
    const registered = Object.keys(tf.serialization.SerializationMap.getMap().classNameMap);
    for (const name of ["LoglabBertSelfAttention", "LoglabFirstToken", "LoglabSelectPositions", "LoglabSeededDropout", "LoglabLayerNorm", "LoglabKeyEmbedding"]) expect(registered, name).toContain(name);
  });
});
