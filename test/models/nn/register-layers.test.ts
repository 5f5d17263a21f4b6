import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import "../../../lib/models/nn/register-layers.js";

describe("register-layers", () => {
  it("importing it registers every custom loglab layer with TF.js serialization", () => {
    const registered = Object.keys(tf.serialization.SerializationMap.getMap().classNameMap);
    for (const name of [
      "LoglabKeyEmbedding",
      "LoglabFastLstm",
      "LoglabFastGru",
      "LoglabFastDense",
      "LoglabConv1d",
      "LoglabLayerNorm",
      "LoglabPositionalEmbedding",
      "LoglabMultiHeadSelfAttention",
      "LoglabMaskedMeanPooling",
      "LoglabMaskedMaxPooling",
      "LoglabAttentionPooling",
      "LoglabRepeatToLength",
      "LoglabSeededDropout",
    ]) {
      expect(registered, name).toContain(name);
    }
  });

  it("so a model topology naming them can be rebuilt from JSON alone", async () => {
    const topology = {
      class_name: "Sequential",
      config: { name: "s", layers: [{ class_name: "LoglabFastDense", config: { name: "d", units: 2, activation: "relu", useBias: true, seed: 1, batch_input_shape: [null, 3] } }] },
    };
    const model = await tf.models.modelFromJSON({ modelTopology: topology } as never);
    expect(model.layers[0]!.getClassName()).toBe("LoglabFastDense");
    expect(model.outputs[0]!.shape).toEqual([null, 2]);
    model.dispose();
  });
});
