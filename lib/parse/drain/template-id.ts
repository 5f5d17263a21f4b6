import { createHash } from "node:crypto";

/**
 * The id of a template: the first 12 hex digits of the SHA-1 of its text. The same template has
 * the same id in every run, on every machine and in every miner, so ids can be joined across
 * files and shards (logparser uses 8 digits of MD5; 12 digits of SHA-1 make a collision among
 * 10,000 templates about a one-in-five-million event).
 *
 * @example
 * templateId("PacketResponder <*> for block <*> terminating"); // 12 hex digits
 */
export function templateId(template: string): string {
  return createHash("sha1").update(template).digest("hex").slice(0, 12);
}
