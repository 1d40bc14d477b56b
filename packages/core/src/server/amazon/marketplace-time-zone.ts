/**
 * The time zone of each Amazon marketplace country: the zone Seller Central's day boundaries follow (the Ads API's
 * profile `timezone` for that country: America/Los_Angeles for the US, Canada and Mexico, Europe/London for the UK,
 * Europe/Paris for Germany, France, Italy and Spain, …).
 */
const zoneByCountry: Readonly<Record<string, string>> = {
  US: 'America/Los_Angeles',
  CA: 'America/Los_Angeles',
  MX: 'America/Los_Angeles',
  BR: 'America/Sao_Paulo',
  UK: 'Europe/London',
  GB: 'Europe/London',
  IE: 'Europe/Dublin',
  DE: 'Europe/Paris',
  FR: 'Europe/Paris',
  IT: 'Europe/Paris',
  ES: 'Europe/Paris',
  NL: 'Europe/Amsterdam',
  BE: 'Europe/Brussels',
  SE: 'Europe/Stockholm',
  PL: 'Europe/Warsaw',
  TR: 'Europe/Istanbul',
  AE: 'Asia/Dubai',
  SA: 'Asia/Riyadh',
  EG: 'Africa/Cairo',
  IN: 'Asia/Kolkata',
  ZA: 'Africa/Johannesburg',
  JP: 'Asia/Tokyo',
  AU: 'Australia/Sydney',
  SG: 'Asia/Singapore',
};

/**
 * The IANA time zone of a marketplace country, or `UTC` for one this table does not know.
 *
 * @example
 * ```ts
 * marketplaceTimeZone('US'); // 'America/Los_Angeles'
 * ```
 */
export function marketplaceTimeZone(countryCode: string): string {
  return zoneByCountry[countryCode.toUpperCase()] ?? 'UTC';
}

const MINUTE = 60_000;

/** The zone's offset from UTC at an instant, in minutes (-420 for Los Angeles in summer). */
function offsetMinutesAt(zone: string, ms: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(ms)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name ?? '');
  if (!match?.[1]) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/** `+hh:mm` / `-hh:mm` for an offset in minutes. */
function offsetText(minutes: number): string {
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${minutes < 0 ? '-' : '+'}${hh}:${mm}`;
}

/**
 * A wall-clock time of `date` (`YYYY-MM-DD`) in `zone`, as Amazon's APIs want it: local time with that moment's
 * offset (`2026-11-01T00:00:00-07:00`; the day daylight saving time ends in Los Angeles starts at -07:00, the next
 * at -08:00). An offset of zero is written `+00:00` (the Sales API wants `Z` only with `granularityTimeZone=UTC`);
 * the zone `UTC` is written `Z`.
 *
 * @example
 * ```ts
 * localDateTime('2026-11-02', '00:00:00', 'America/Los_Angeles'); // '2026-11-02T00:00:00-08:00'
 * localDateTime('2026-11-16', '23:59:59', 'Europe/Paris');        // '2026-11-16T23:59:59+01:00'
 * ```
 */
export function localDateTime(date: string, time: string, zone: string): string {
  if (zone === 'UTC') return `${date}T${time}Z`;
  const wall = Date.parse(`${date}T${time}Z`);
  // The offset at that instant: guess with the wall time's, then correct once (Amazon's marketplaces change their
  // clocks between 01:00 and 03:00, never at midnight).
  let offset = offsetMinutesAt(zone, wall);
  offset = offsetMinutesAt(zone, wall - offset * MINUTE);
  return `${date}T${time}${offsetText(offset)}`;
}

/** The day after `date` (`YYYY-MM-DD`). */
export function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
