import { LocalBus } from "../../floor/bus/index.ts";
import { busContract } from "./busContract.ts";

busContract("LocalBus", async (opts) => new LocalBus(opts));
