import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { WordPieceTokenizer, WORDPIECE_SPECIAL_TOKENS } from "../../lib/text/wordpiece-tokenizer.js";

const corpus = [
  "Failed password for root from 10.0.0.1 port 22 ssh2",
  "Failed password for invalid user admin from 10.0.0.2 port 4022 ssh2",
  "Accepted password for alice from 10.0.0.3 port 22 ssh2",
  "Connection refused by peer 10.0.0.4",
  "Connection closed by 10.0.0.5",
  "PacketResponder 1 for block blk_123 terminating",
  "PacketResponder 2 for block blk_-456 terminating",
];

describe("WordPieceTokenizer", () => {
  it("starts with the special tokens and learns frequent words as single pieces", () => {
    const tok = WordPieceTokenizer.train(corpus, { vocabSize: 200 });
    expect(tok.vocab.slice(0, WORDPIECE_SPECIAL_TOKENS.length)).toEqual([...WORDPIECE_SPECIAL_TOKENS]);
    expect(tok.tokenize("Failed password for root")).toEqual(["failed", "password", "for", "r", "##o", "##o", "##t"]); // "root" occurs once: below minFrequency
    expect(tok.tokenize("port 22")).toEqual(["port", "[NUM]"]);
  });
  it("splits unseen words into ## pieces and maps unseen characters to [UNK]", () => {
    const tok = WordPieceTokenizer.train(corpus, { vocabSize: 60 });
    const pieces = tok.tokenize("passwords");
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.slice(1).every((p) => p.startsWith("##"))).toBe(true);
    expect(pieces.join("").replace(/##/g, "")).toBe("passwords");
    expect(tok.tokenize("ж")).toEqual(["[UNK]"]);
  });
  it("merges the most frequent pair first (hand example)", () => {
    // Alphabet (sorted): ##b ##d a c. "a ##b" occurs 3 times, "c ##d" twice: merged in that order.
    const tok = WordPieceTokenizer.train(["ab ab ab cd cd"], { vocabSize: 100, minFrequency: 2 });
    expect(tok.vocab.slice(WORDPIECE_SPECIAL_TOKENS.length)).toEqual(["##b", "##d", "a", "c", "ab", "cd"]);
    // With minFrequency 3 only "ab" is merged.
    const strict = WordPieceTokenizer.train(["ab ab ab cd cd"], { vocabSize: 100, minFrequency: 3 });
    expect(strict.vocab.slice(WORDPIECE_SPECIAL_TOKENS.length)).toEqual(["##b", "##d", "a", "c", "ab"]);
  });
  it("is deterministic whatever the corpus order", () => {
    const a = WordPieceTokenizer.train(corpus, { vocabSize: 120 });
    const b = WordPieceTokenizer.train([...corpus].reverse(), { vocabSize: 120 });
    expect(b.vocab).toEqual(a.vocab);
  });
  it("encodes fixed-length rows with [CLS], padding and truncation", () => {
    const tok = WordPieceTokenizer.train(corpus, { vocabSize: 200, maxLength: 6 });
    const enc = tok.encodeBatch(["Failed password for root from 10.0.0.1", "ssh2"]);
    expect(enc.maxLength).toBe(6);
    expect(enc.ids[0]).toBe(WordPieceTokenizer.CLS_ID);
    expect(Array.from(enc.lengths)).toEqual([6, tok.encode("ssh2").length]);
    expect(enc.truncated).toBe(1);
    expect(enc.ids[6 + enc.lengths[1]!]).toBe(WordPieceTokenizer.PAD_ID);
    expect(tok.encode("Failed password for root from 10.0.0.1")).toEqual(Array.from(enc.ids.subarray(0, 6)));
  });
  it("decodes pieces back to the pre-tokenized words", () => {
    const tok = WordPieceTokenizer.train(corpus, { vocabSize: 80 });
    fc.assert(
      fc.property(fc.array(fc.constantFrom("failed", "password", "connection", "refused", "peer", "terminating", "blocks"), { minLength: 1, maxLength: 8 }), (words) => {
        expect(tok.decode(tok.encode(words.join(" "), 64), { skipSpecial: true })).toBe(words.join(" "));
      }),
    );
  });
  it("saves and loads exactly; rejects other files with the path named", () => {
    const dir = mkdtempSync(join(tmpdir(), "wp-"));
    try {
      const tok = WordPieceTokenizer.train(corpus, { vocabSize: 150, maxLength: 32 });
      tok.save(join(dir, "tokenizer.json"));
      const back = WordPieceTokenizer.load(join(dir, "tokenizer.json"));
      expect(back.vocab).toEqual(tok.vocab);
      expect(back.maxLength).toBe(32);
      expect(back.encode(corpus[1]!)).toEqual(tok.encode(corpus[1]!));
      writeFileSync(join(dir, "bad.json"), JSON.stringify({ format: "other" }));
      expect(() => WordPieceTokenizer.load(join(dir, "bad.json"))).toThrow(/bad\.json: not a loglab\.wordpiece v1 tokenizer/);
      expect(() => WordPieceTokenizer.load(join(dir, "missing.json"))).toThrow(/missing\.json: cannot read tokenizer/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it("rejects a vocabulary size that leaves no room", () => {
    expect(() => WordPieceTokenizer.train(corpus, { vocabSize: 3 })).toThrow(/must exceed/);
  });
});
