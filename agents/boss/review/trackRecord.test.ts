import { describe, expect, it } from "vitest";
import { trackRecord, type Settled } from "./trackRecord.ts";

const usd = (x: number) => x * 1_000_000;
/** Settlements one a minute from ts 1. */
const windows = (xs: Array<[pnl: number, cost: number]>): Settled[] => xs.map(([pnl, cost], i) => ({ pnl: usd(pnl), cost: usd(cost), ts: i + 1 }));
const funded = (amount: number, ts = 0) => ({ amount: usd(amount), ts });

describe("trackRecord", () => {
  it("gives each window's P&L over its cost, and the equity's worst fall from its peak", () => {
    // $1,000 of capital: +$50 on $100, −$100 on $100, a round trip that cost nothing (+$5), −$55 on $110.
    const r = trackRecord(windows([[50, 100], [-100, 100], [5, 0], [-55, 110]]), [funded(1000)]);
    expect(r.returns).toEqual([0.5, -1, -0.5]);
    // Equity 1000, 1050, 950, 955, 900 with no transfer: the worst is 150 below the 1,050 peak.
    expect(r.drawdown).toBeCloseTo(150 / 1050, 12);
  });

  it("is not moved by capital taken out or put in: a fall is measured on the equity it fell from", () => {
    // +$500, then −$600 (1,500 → 900, 40%); then the boss takes $300 back and the record is flat.
    const early = windows([[500, 500], [-600, 600], [0, 100]]);
    expect(trackRecord(early, [funded(1000), funded(-300, 2.5)]).drawdown).toBeCloseTo(0.4, 12);
    // From today's $700 as if it had been there all along, the same P&L would read 600/1,200 = 50% and kill.
    // $1,000 more after a 40% loss does not hide it: +$100 on $1,600 is 6.25%, the NAV 0.6375 of its peak.
    const lost = windows([[-400, 400], [100, 200]]);
    expect(trackRecord(lost, [funded(1000), funded(1000, 1.5)]).drawdown).toBeCloseTo(0.4, 12);
    expect(1 - trackRecord(lost, [funded(1000), funded(1000, 1.5)]).drawdown).toBeCloseTo(0.6, 12);
  });

  it("is empty with no settlement, a wiped-out account is a drawdown of 1, and P&L with no equity behind it moves nothing", () => {
    expect(trackRecord([], [funded(1000)])).toEqual({ returns: [], drawdown: 0 });
    expect(trackRecord(windows([[-1500, 1500]]), [funded(1000)]).drawdown).toBe(1);
    expect(trackRecord(windows([[-50, 100]]), []).drawdown).toBe(0);
  });
});
