export { DEFAULT_SYMBOLS, type FakeSymbolSpec, REQUEST_WEIGHT_LIMIT } from './exchangeInfo.js';
export type { Fault, FaultKind, MissingCandle } from './faults.js';
export { MarketTape, type TapeData } from './marketTape.js';
export { BTC_2021_WEEK, recordedBtcWeek, recordedMarket, recordedUsdtPairs4h } from './recordedMarket.js';
export { BinanceApiError, type Route, type RouteContext, type RouteReply } from './routes.js';
export { type FakeBinance, type FakeBinanceOptions, type RecordedRequest, startFakeBinance } from './server.js';
