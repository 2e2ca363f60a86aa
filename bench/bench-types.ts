// The contract between the bench harness (bench/run.ts) and each bench/<group>.bench.ts.
export interface Metric {
  value: number;
  unit: string;
}
export type Metrics = Record<string, Metric>;

export interface BenchContext {
  /** A fresh folder for this group's data; removed when the group ends. */
  workDir: string;
  log(line: string): void;
}

export interface BenchModule {
  default(context: BenchContext): Promise<Metrics>;
}
