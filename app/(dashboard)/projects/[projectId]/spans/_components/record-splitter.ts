/**
 * Splits a streamed JSONL or CSV text into whole records as chunks arrive. CSV records end at a line
 * break outside quotes (a quoted cell may hold newlines); JSONL records end at every newline.
 */
export class RecordSplitter {
  private buffer = "";
  private inQuotes = false;
  private scanned = 0;
  private index = 0;
  constructor(private readonly format: "jsonl" | "csv") {}

  push(chunk: string, onRecord: (record: string, index: number) => void): void {
    this.buffer += chunk;
    let start = 0;
    for (let i = this.scanned; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (this.format === "csv" && c === '"') this.inQuotes = !this.inQuotes;
      else if (c === "\n" && !this.inQuotes) {
        onRecord(this.buffer.slice(start, i + 1), this.index++);
        start = i + 1;
      }
    }
    this.buffer = this.buffer.slice(start);
    this.scanned = this.buffer.length;
  }

  end(onRecord: (record: string, index: number) => void): void {
    if (this.buffer.trim()) onRecord(this.buffer, this.index++);
    this.buffer = "";
  }
}
