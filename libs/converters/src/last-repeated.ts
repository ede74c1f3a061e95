/**
 * Remembers what was made of the input seen last, to hand it out again while the next inputs are the
 * same. Records mostly repeat the schema or source partition of the record before, each in an object of
 * its own (they were decoded one by one), so comparing with a kept copy costs far less than making the
 * result again. The copy is taken only when an input comes a second time in a row (told by its `key`),
 * so inputs that alternate pay for no copies. `isSame` must say whether two inputs would make the same
 * result; `copy` gives an input nobody else can change.
 */
export class LastRepeated<Input, Result> {
  private kept: { readonly input: Input; readonly result: Result } | undefined;
  private lastKey: string | undefined;

  constructor(
    private readonly isSame: (a: Input, b: Input) => boolean,
    private readonly copy: (input: Input) => Input,
  ) {}

  /** What was made of the kept input, if `input` is the same as it. */
  find(input: Input): Result | undefined {
    const kept = this.kept;
    return kept !== undefined && this.isSame(input, kept.input) ? kept.result : undefined;
  }

  /** Notes that `input`, known by `key`, made `result`; kept once the same key comes twice in a row. */
  remember(input: Input, key: string, result: Result): void {
    this.kept = key === this.lastKey ? { input: this.copy(input), result } : undefined;
    this.lastKey = key;
  }
}
