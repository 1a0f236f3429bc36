import { Injectable } from '@nestjs/common';

/** The time as feedback sees it: answer windows and link expiry are judged by it, and tests move it. */
@Injectable()
export class FeedbackClock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves this clock (tests only: the service never calls it). */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
