/**
 * HDFS lines for the live tests, in the shipped HDFS_20000.log's own wording: a normal block
 * session (3 replicas: receiving, allocate, responders, received, stored, as most of the file's
 * 1,782 sessions are) and an anomalous one (a write that failed: socket timeouts and an EOF
 * exception, nothing stored), at a given time of 2008-11-09.
 */

/** `081109 HHMMSS` for `seconds` after 20:00:00. */
function stamp(seconds: number): string {
  const t = 20 * 3600 + seconds;
  const p = (n: number) => String(n).padStart(2, "0");
  return `081109 ${p(Math.floor(t / 3600))}${p(Math.floor(t / 60) % 60)}${p(t % 60)}`;
}

/** The 13 lines of a normal block session. */
export function normalSession(blk: string, seconds: number): string[] {
  const t = stamp(seconds);
  const ips = ["10.250.19.102", "10.250.10.6", "10.250.14.224"];
  return [
    `${t} 143 INFO dfs.DataNode$DataXceiver: Receiving block ${blk} src: /${ips[0]}:54106 dest: /${ips[0]}:50010`,
    `${t} 35 INFO dfs.FSNamesystem: BLOCK* NameSystem.allocateBlock: /mnt/hadoop/mapred/system/job_200811092030_0001/job.jar. ${blk}`,
    ...ips.slice(1).map((ip) => `${t} 145 INFO dfs.DataNode$DataXceiver: Receiving block ${blk} src: /${ip}:40524 dest: /${ip}:50010`),
    ...[1, 2, 0].map((k) => `${t} 145 INFO dfs.DataNode$PacketResponder: PacketResponder ${k} for block ${blk} terminating`),
    ...ips.map((ip) => `${t} 145 INFO dfs.DataNode$PacketResponder: Received block ${blk} of size 91178 from /${ip}`),
    ...ips.map((ip, k) => `${t} ${29 + k} INFO dfs.FSNamesystem: BLOCK* NameSystem.addStoredBlock: blockMap updated: ${ip}:50010 is added to ${blk} size 91178`),
  ];
}

/** The 7 lines of an anomalous block session. */
export function anomalousSession(blk: string, seconds: number): string[] {
  const t = stamp(seconds);
  return [
    `${t} 2561 INFO dfs.DataNode$DataXceiver: Receiving block ${blk} src: /10.251.91.84:36452 dest: /10.251.91.84:50010`,
    `${t} 2561 INFO dfs.DataNode$DataXceiver: Receiving block ${blk} src: /10.251.91.85:36452 dest: /10.251.91.85:50010`,
    `${t} 35 INFO dfs.FSNamesystem: BLOCK* NameSystem.allocateBlock: /user/root/rand/_temporary/_task_200811092030_0002_m_000296_0/part-00296. ${blk}`,
    `${t} 2562 INFO dfs.DataNode$DataXceiver: writeBlock ${blk} received exception java.net.SocketTimeoutException`,
    `${t} 2563 INFO dfs.DataNode$DataXceiver: writeBlock ${blk} received exception java.net.SocketTimeoutException`,
    `${t} 2564 INFO dfs.DataNode$PacketResponder: PacketResponder ${blk} 1 Exception java.io.EOFException`,
    `${t} 2565 INFO dfs.DataNode$DataXceiver: writeBlock ${blk} received exception java.net.SocketTimeoutException`,
  ];
}
