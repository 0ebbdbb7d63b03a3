import type { HttpTestingController } from '@angular/common/http/testing';
import type { HostAnswerDto } from '@mobility-hub/api-client';

/**
 * Answers the open reads of host answers (the home page's "since your last visit", the board's and
 * the file's notices) with `answers` — none by default — for specs of pages that embed them.
 */
export function answerHostAnswers(http: HttpTestingController, answers: HostAnswerDto[] = []): void {
  for (const req of http.match((r) => r.method === 'GET' && r.url.startsWith('/api/host-answers/'))) {
    req.flush(req.request.url.endsWith('/recent') ? { since: '2026-11-03T00:00:00.000Z', answers } : answers);
  }
}
