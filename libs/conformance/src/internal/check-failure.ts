/**
 * Thrown inside a check when the service broke the rule being checked; `detail` says what was expected
 * and what was seen. The check runner turns it into a "fail" result, so a check reads top to bottom
 * like the rule it enforces instead of threading failures through return values.
 */
export class CheckFailure extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = new.target.name;
  }
}
