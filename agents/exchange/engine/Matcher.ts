import { clobCheck, clobMessages, matchCheck } from "./clobMessages.ts";
import { Outbox } from "./Outbox.ts";
import { RestingBook, type OwedFill, type Resting } from "./RestingBook.ts";
import { crossingSize, takeLevels } from "./takeLevels.ts";
import type { MatcherState } from "./EngineState.ts";
import type { EngineConfig, EngineOrder, FillCause, Print, Snapshot, UpBookView } from "./types.ts";
import { copyBook, flip, levelsOf, toUp } from "./upBook.ts";

/**
 * One market as the venue has it at a single instant: the external Up-token book as last observed
 * (snapshots, less the liquidity our orders took and the prints since) and our resting orders with
 * their queue positions (RestingBook.ts: queue, trade-through, crossing snapshots). Each method is
 * one message reaching the venue; the events it causes go to `out`. No clock and no latency:
 * MarketEngine decides when each message gets here.
 */
export class Matcher {
  readonly cfg: EngineConfig;
  readonly resting = new RestingBook();
  readonly out: Outbox;
  private ext: UpBookView = { bids: [], asks: [] };
  private known = new Set<string>();

  constructor(config: EngineConfig) {
    this.cfg = { ...config, fee: { ...config.fee } };
    this.out = new Outbox(this.cfg);
  }

  /** The venue's whole state between two calls (nothing is waiting in `out` then), for a checkpoint. */
  save(): MatcherState {
    return { cfg: { ...this.cfg, fee: { ...this.cfg.fee } }, ext: copyBook(this.ext), resting: this.resting.save(), known: [...this.known], fillsNumbered: this.out.fillsNumbered };
  }

  /** A matcher exactly as `save` found one. */
  static restore(s: MatcherState): Matcher {
    const m = new Matcher(s.cfg);
    m.ext = copyBook(s.ext);
    m.resting.load(s.resting);
    m.known = new Set(s.known);
    m.out.numberFrom(s.fillsNumbered);
    return m;
  }

  /** Our current view of the external book (the live arrays: copy before handing out). */
  get view(): UpBookView {
    return this.ext;
  }

  snapshot(snap: Snapshot, now: number): void {
    if (snap.minSize !== undefined) this.cfg.minSize = snap.minSize;
    if (snap.tickSize !== undefined && snap.tickSize !== this.cfg.tickSize) this.tickSizeChange(snap.tickSize, now);
    const old = this.ext;
    this.ext = copyBook(snap);
    this.makerFills(this.resting.snapshot(old, this.ext), "cross", now);
  }

  trade(print: Print, now: number): void {
    const { upSide: takerUp, upPrice } = toUp({ outcome: print.outcome ?? "Up", side: print.side, price: print.price });
    const hitSide = flip(takerUp); // the resting side the taker consumed
    this.makerFills(this.resting.print(this.ext, hitSide, upPrice, print.size), "print", now);
  }

  /** Orders off the new grid are cancelled, the rest keep their place (Polymarket only moves to a finer tick near 0/1, so nothing is usually off-grid). */
  tickSizeChange(newTick: number, now: number): void {
    this.cfg.tickSize = newTick;
    for (const r of this.resting.removeOffGrid(newTick)) this.out.cancel(r, "tick-size-change", now);
  }

  /** An order reaching the venue: its checks (in the CLOB's words), then what it takes, then the rest rests or is cancelled. */
  arrive(o: EngineOrder, at: number): void {
    const bad = this.known.has(o.orderId) ? clobMessages.duplicated(o.orderId) : clobCheck(o, this.cfg, at);
    if (bad !== undefined) return this.out.reject(o.orderId, "submit", bad, at);
    this.known.add(o.orderId); // the id stays taken even if the book check below rejects the order
    const { upSide, upPrice } = toUp(o);
    const opp = levelsOf(this.ext, flip(upSide));
    const unmatched = matchCheck(o, crossingSize(opp, upSide, upPrice, o.size));
    if (unmatched !== undefined) return this.out.reject(o.orderId, "submit", unmatched, at);
    this.out.ack(o.orderId, at);
    const r: Resting = { order: o, upSide, upPrice, filled: 0, ahead: 0, arrivedAt: at };
    // Only external liquidity is taken (never our own resting orders: no self-trade); what we take stays gone until the next snapshot.
    for (const l of takeLevels(opp, upSide, upPrice, o.size)) {
      this.out.takerFill(r, l.price, l.size, at);
      this.resting.clampAhead(this.ext, flip(upSide), l.price);
    }
    if (r.filled === o.size) return;
    if (o.type === "FAK" || o.type === "FOK") return this.out.cancel(r, "fak-remainder", at);
    this.resting.add(r, levelsOf(this.ext, upSide));
    this.out.rest(r, at);
  }

  /** A cancel reaching the venue; one that lost the race to a fill finds nothing. */
  arriveCancel(orderId: string, at: number): void {
    const r = this.resting.find(orderId);
    if (r === undefined) return this.out.reject(orderId, "cancel", clobMessages.notFound(orderId), at);
    this.out.cancel(r, "user-cancel", at);
    this.resting.remove(r);
  }

  expire(r: Resting, at: number): void {
    this.out.cancel(r, "expired", at);
    this.resting.remove(r);
  }

  /** The market stops trading: everything resting is cancelled. */
  close(now: number): void {
    for (const r of this.resting.clear()) this.out.cancel(r, "market-closed", now);
  }

  private makerFills(fills: readonly OwedFill[], cause: FillCause, now: number): void {
    for (const f of fills) this.out.makerFill(f.r, f.size, cause, now);
    this.resting.removeDone();
  }
}
