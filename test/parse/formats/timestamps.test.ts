import { describe, expect, it } from "vitest";
import { clfToMillis, ctimeToMillis, epochSecondsToMillis, isoToMillis, monthIndex, readClock, readIsoDate, utcMillis } from "../../../lib/parse/formats/timestamps.js";

describe("timestamp readers", () => {
  it("monthIndex: English names and abbreviations in any case, -1 otherwise", () => {
    expect(["Jan", "feb", "MAR", "April", "december"].map(monthIndex)).toEqual([0, 1, 2, 3, 11]);
    expect(monthIndex("Foo")).toBe(-1);
    expect(monthIndex("")).toBe(-1);
  });

  it("utcMillis: UTC epoch ms from parts; out-of-range parts give undefined", () => {
    expect(utcMillis(2005, 5, 3, 15, 42, 50, 675)).toBe(Date.UTC(2005, 5, 3, 15, 42, 50, 675));
    expect(utcMillis(1970, 0, 1)).toBe(0);
    expect(utcMillis(2016, 11, 31, 23, 59, 60)).toBe(Date.UTC(2017, 0, 1)); // leap second rolls over
    for (const bad of [
      [2000, 12, 1],
      [2000, -1, 1],
      [2000, 0, 0],
      [2000, 0, 32],
      [2000, 0, 1, 25],
      [2000, 0, 1, 0, 60],
      [2000, 0, 1, 0, 0, 61],
      [2000, 0, 1, 0, 0, 0, -1],
      [Number.NaN, 0, 1],
    ]) {
      expect(utcMillis(...(bad as [number, number, number])), bad.join(",")).toBeUndefined();
    }
  });

  it("readClock: HH:MM:SS with an optional fraction after '.', ',' or ':'", () => {
    expect(readClock("18:01:47")).toEqual([18, 1, 47, 0]);
    expect(readClock("18:01:47,978")).toEqual([18, 1, 47, 978]);
    expect(readClock("16:13:38.811")).toEqual([16, 13, 38, 811]);
    expect(readClock("22:15:29:606")).toEqual([22, 15, 29, 606]);
    expect(readClock("22:15:29.5")).toEqual([22, 15, 29, 500]);
    expect(readClock("04:47:44.123456")).toEqual([4, 47, 44, 123]);
  });

  it("readClock: a zone offset or any other character after the seconds is not a fraction", () => {
    // "12:00:00+0200" was read as 12:00:00.200 (the zone silently became milliseconds).
    for (const s of ["12:00:00+0200", "12:00:00-0130", "12:00:00 123", "12:00:00Z123", "12:00:001"]) expect(readClock(s), s).toBeNull();
  });

  it("readClock: anything else is null", () => {
    for (const s of ["", "1:02:03", "18-01-47", "18:01:4x", "18:01:47.", "18:01:47.12a", "18:01", "aa:bb:cc"]) expect(readClock(s), s).toBeNull();
  });

  it("readIsoDate: YYYY-MM-DD (and / or . separators) to [year, month0, day]", () => {
    expect(readIsoDate("2005-06-03")).toEqual([2005, 5, 3]);
    expect(readIsoDate("2005/06/03")).toEqual([2005, 5, 3]);
    expect(readIsoDate("2005.11.09")).toEqual([2005, 10, 9]);
    for (const s of ["05-06-03", "2005-6-3", "2005-06-03T", "20050603", "2005-0x-03"]) expect(readIsoDate(s), s).toBeNull();
    // Separators must be one of - / . and the same twice.
    for (const s of ["2005x06x03", "2005 06 03", "2005-06/03", "2005:06:03"]) expect(readIsoDate(s), s).toBeNull();
  });

  it("epochSecondsToMillis: 9 to 11 digits only", () => {
    expect(epochSecondsToMillis("1117838570")).toBe(1117838570000);
    expect(epochSecondsToMillis("123456789")).toBe(123456789000);
    for (const s of ["12345678", "123456789012", "-1117838570", "1117838570.5", ""]) expect(epochSecondsToMillis(s), s).toBeUndefined();
  });

  it("isoToMillis: RFC 3339 with Z, an offset, or no zone (read as UTC)", () => {
    expect(isoToMillis("2003-10-11T22:14:15.003Z")).toBe(Date.UTC(2003, 9, 11, 22, 14, 15, 3));
    expect(isoToMillis("2003-10-11T22:14:15+02:00")).toBe(Date.UTC(2003, 9, 11, 20, 14, 15));
    expect(isoToMillis("2003-10-11T22:14:15-00:30")).toBe(Date.UTC(2003, 9, 11, 22, 44, 15));
    expect(isoToMillis("2003-10-11T22:14:15")).toBe(Date.UTC(2003, 9, 11, 22, 14, 15));
    for (const s of ["2003-10-11 22:14:15", "2003-10-11", "2003-10-11T22:14:15+0200", "2003-13-11T22:14:15Z", "-"]) expect(isoToMillis(s), s).toBeUndefined();
  });

  it("ctimeToMillis: Apache error-log dates, with a fraction and single-digit days", () => {
    expect(ctimeToMillis("Sun Dec 04 04:47:44 2005")).toBe(Date.UTC(2005, 11, 4, 4, 47, 44));
    expect(ctimeToMillis("Wed Oct 11 14:32:52.123456 2000")).toBe(Date.UTC(2000, 9, 11, 14, 32, 52, 123));
    expect(ctimeToMillis("Mon Jan  2 00:00:01 2006")).toBe(Date.UTC(2006, 0, 2, 0, 0, 1));
    for (const s of ["Sun Dec 04 04:47:44", "Sun Foo 04 04:47:44 2005", "Sun Dec 04 4:47:44 2005", "Sun Dec 40 04:47:44 2005"]) expect(ctimeToMillis(s), s).toBeUndefined();
  });

  it("clfToMillis: Apache access-log dates with the zone applied", () => {
    expect(clfToMillis("10/Oct/2000:13:55:36 -0700")).toBe(Date.UTC(2000, 9, 10, 20, 55, 36));
    expect(clfToMillis("10/Oct/2000:13:55:36 +0530")).toBe(Date.UTC(2000, 9, 10, 8, 25, 36));
    expect(clfToMillis("10/Oct/2000:13:55:36 +0000")).toBe(Date.UTC(2000, 9, 10, 13, 55, 36));
    for (const s of ["10/Oct/2000:13:55:36", "10/Foo/2000:13:55:36 -0700", "1/Oct/2000:13:55:36 -0700", "10/Oct/2000 13:55:36 -0700"]) expect(clfToMillis(s), s).toBeUndefined();
  });
});
