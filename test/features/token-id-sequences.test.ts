import { describe, expect, it } from "vitest";
import { BERT_SPECIAL_TOKENS, buildKeyVocabulary, CLS_ID, encodeTokenSequences, MASK_ID, PAD_ID, SEP_ID, tokenRow, UNK_ID } from "../../lib/features/token-id-sequences.js";
import { Vocabulary } from "../../lib/features/vocabulary.js";

describe("token-id sequences", () => {
  const train = [[5, 5, 22], [22, 11], [5]];
  const vocab = buildKeyVocabulary(train);
  it("puts the special tokens at fixed ids", () => {
    expect(vocab.tokens.slice(0, 5)).toEqual([...BERT_SPECIAL_TOKENS]);
    expect([PAD_ID, UNK_ID, CLS_ID, SEP_ID, MASK_ID]).toEqual([0, 1, 2, 3, 4]);
    expect(vocab.tokens.slice(5)).toEqual(["5", "22", "11"]);
  });
  it("encodes with [CLS], pads with [PAD], maps unseen keys to [UNK], and leaves inputs unchanged", () => {
    const input = [[5, 22, 99], [11]];
    const copy = JSON.stringify(input);
    const enc = encodeTokenSequences(input, vocab, { maxLength: 5 });
    expect(tokenRow(enc, 0)).toEqual([CLS_ID, 5, 6, UNK_ID, PAD_ID]);
    expect(tokenRow(enc, 1)).toEqual([CLS_ID, 7, PAD_ID, PAD_ID, PAD_ID]);
    expect(Array.from(enc.lengths)).toEqual([4, 2]);
    expect(enc.unknownTokens).toBe(1);
    expect(JSON.stringify(input)).toBe(copy);
  });
  it("truncates keeping the head or the tail, and can append [SEP]", () => {
    const head = encodeTokenSequences([[5, 22, 11, 5]], vocab, { maxLength: 4, addSep: true });
    expect(tokenRow(head, 0)).toEqual([CLS_ID, 5, 6, SEP_ID]);
    expect(head.truncated).toBe(1);
    const tail = encodeTokenSequences([[5, 22, 11, 5]], vocab, { maxLength: 3, truncation: "tail" });
    expect(tokenRow(tail, 0)).toEqual([CLS_ID, 7, 5]);
  });
  it("rejects a maxLength with no room and a vocabulary without the specials", () => {
    expect(() => encodeTokenSequences([[5]], vocab, { maxLength: 1 })).toThrow(/leaves no room/);
    expect(() => encodeTokenSequences([[5]], Vocabulary.build(["5"]), { maxLength: 4 })).toThrow(/must start with BERT_SPECIAL_TOKENS|out of range/);
  });
});
