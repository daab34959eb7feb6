/**
 * `Date.prototype.toISOString` for times the store writes often: the metadata rows give every
 * edited document's change time, once a second per document (meta-rows.ts). V8 formats a
 * date through its runtime, which costs microseconds each; here only the day is formatted
 * that way (once a day), and the time of day is worked out with arithmetic. The result is
 * exactly `new Date(ms).toISOString()` for every time a Date can hold.
 */
const DAY_MS = 86_400_000;

let cachedDay = Number.NaN;
let cachedDayPrefix = '';

export function isoTime(ms: number): string {
  const time = Math.floor(ms);
  const day = Math.floor(time / DAY_MS);
  if (day !== cachedDay) {
    const iso = new Date(day * DAY_MS).toISOString();
    cachedDayPrefix = iso.slice(0, iso.indexOf('T') + 1);
    cachedDay = day;
  }
  const ofDay = time - day * DAY_MS;
  const hours = Math.floor(ofDay / 3_600_000);
  const minutes = Math.floor(ofDay / 60_000) % 60;
  const seconds = Math.floor(ofDay / 1000) % 60;
  const millis = ofDay % 1000;
  return `${cachedDayPrefix}${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : `${value}`;
}
