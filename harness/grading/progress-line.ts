/**
 * The progress line of a grading run: attendees done out of the total, time so far, and about
 * how long is left, estimated from the katas graded so far.
 */

function clock(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

export class ProgressLine {
  private readonly started = performance.now();
  private attendeesDone = 0;
  private katasDone = 0;

  constructor(
    private readonly attendees: number,
    private readonly katasEach: number,
  ) {}

  kataDone(): void {
    this.katasDone++;
  }

  attendeeDone(): void {
    this.attendeesDone++;
  }

  /** text is the line as it stands: "graded 3/30 attendees · 1m12s so far · about 4m05s left". */
  text(now = performance.now()): string {
    const elapsed = now - this.started;
    const total = this.attendees * this.katasEach;
    const left =
      this.katasDone > 0 && this.katasDone < total
        ? ` · about ${clock((elapsed / this.katasDone) * (total - this.katasDone))} left`
        : '';
    return `graded ${this.attendeesDone}/${this.attendees} attendee${this.attendees === 1 ? '' : 's'} · ${clock(elapsed)} so far${left}`;
  }
}
