import {jest} from '@jest/globals';
import {DateFormatError, formatDate} from '../../../../src/core/metadata/date-format.js';

const at = (iso: string): Date => new Date(iso);
// A Friday shortly after midnight UTC: still Thursday in New York, already morning in Asia.
const friday = at('2020-01-10T00:30:00.000Z');

describe('formatDate across zones', () => {
  const cases: Array<[string, string, string, string]> = [
    ['UTC', '2020-01-10T00:30:00.000Z', 'YYYYMMDD-HHmmss', '20200110-003000'],
    ['Asia/Tokyo', '2020-01-10T00:30:00.000Z', 'YYYYMMDD-HHmmss', '20200110-093000'],
    ['America/New_York', '2020-01-10T00:30:00.000Z', 'YYYYMMDD-HHmmss', '20200109-193000'],
    ['Asia/Kolkata', '2020-01-10T00:30:00.000Z', 'YYYYMMDD-HHmmss', '20200110-060000'],
    ['UTC', '2020-01-10T00:30:00.000Z', 'YYYY-MM-DDTHH:mm:ss.SSS[Z]', '2020-01-10T00:30:00.000Z'],
    ['Asia/Tokyo', '2020-01-10T00:30:00.000Z', 'YYYY-MM-DDTHH:mm:ss.SSS[Z]', '2020-01-10T09:30:00.000Z'],
    ['UTC', '2020-01-10T00:30:00.000Z', 'Z ZZ', '+00:00 +0000'],
    ['Asia/Tokyo', '2020-01-10T00:30:00.000Z', 'Z ZZ', '+09:00 +0900'],
    ['America/New_York', '2020-01-10T00:30:00.000Z', 'Z ZZ', '-05:00 -0500'],
    ['Asia/Kolkata', '2020-01-10T00:30:00.000Z', 'Z ZZ', '+05:30 +0530'],
    ['UTC', '2020-01-10T00:30:00.000Z', 'dddd ddd dd d do e E', 'Friday Fri Fr 5 5th 5 5'],
    ['America/New_York', '2020-01-10T00:30:00.000Z', 'dddd ddd dd d do e E', 'Thursday Thu Th 4 4th 4 4'],
    ['America/New_York', '2020-01-10T00:30:00.000Z', 'h hh k kk a A H HH', '7 07 19 19 pm PM 19 19'],
    ['UTC', '2020-01-10T00:30:00.000Z', 'h hh k kk a A H HH', '12 12 24 24 am AM 0 00'],
    ['Asia/Tokyo', '2020-01-10T00:30:00.000Z', 'h hh k kk a A H HH', '9 09 9 09 am AM 9 09'],
    ['Asia/Kolkata', '2020-01-10T00:30:00.000Z', 'm mm s ss', '0 00 0 00'],
    ['America/New_York', '2020-01-10T00:30:00.000Z', 'D DD Do DDD DDDD DDDo', '9 09 9th 9 009 9th'],
    // The leap day is the 60th day in UTC; Tokyo is already in March.
    ['UTC', '2020-02-29T23:59:59.987Z', 'YYYY-MM-DD dddd DDD', '2020-02-29 Saturday 60'],
    ['Asia/Tokyo', '2020-02-29T23:59:59.987Z', 'YYYY-MM-DD dddd DDD', '2020-03-01 Sunday 61'],
    ['America/New_York', '2020-02-29T23:59:59.987Z', 'YYYY-MM-DD HH:mm', '2020-02-29 18:59'],
    // ISO weeks start on Monday, so Monday 4 January is week 1 in Tokyo while UTC is still in week 53 of 2020.
    ['UTC', '2021-01-03T23:30:00.000Z', 'GGGG-[W]WW-E', '2020-W53-7'],
    ['Asia/Tokyo', '2021-01-03T23:30:00.000Z', 'GGGG-[W]WW-E', '2021-W01-1'],
    ['America/New_York', '2021-01-03T23:30:00.000Z', 'GGGG-[W]WW-E', '2020-W53-7']
  ];

  it.each(cases)('%s %s %j', (zone, iso, format, expected) => {
    expect(formatDate(at(iso), format, zone)).toBe(expected);
  });

  it('defaults to UTC', () => {
    expect(formatDate(friday, 'YYYY-MM-DD HH:mm')).toBe('2020-01-10 00:30');
  });

  it('accepts zone names in any case, as moment-timezone does', () => {
    expect(formatDate(friday, 'HH:mm Z', 'asia/tokyo')).toBe('09:30 +09:00');
    expect(formatDate(friday, 'HH:mm Z', 'utc')).toBe('00:30 +00:00');
  });
});

describe('daylight saving time', () => {
  const cases: Array<[string, string, string]> = [
    // New York springs forward at 02:00 EST on 8 March 2020 and falls back at 02:00 EDT on 1 November.
    ['America/New_York', '2020-03-08T06:59:59.000Z', '2020-03-08 01:59:59 -05:00 EST'],
    ['America/New_York', '2020-03-08T07:00:00.000Z', '2020-03-08 03:00:00 -04:00 EDT'],
    ['America/New_York', '2020-11-01T05:30:00.000Z', '2020-11-01 01:30:00 -04:00 EDT'],
    ['America/New_York', '2020-11-01T06:30:00.000Z', '2020-11-01 01:30:00 -05:00 EST'],
    // Paris: 29 March 2020 at 01:00 UTC and 25 October 2020 at 01:00 UTC. Intl names these zones by offset
    // where moment-timezone prints CET/CEST (a documented, accepted difference of the z token).
    ['Europe/Paris', '2020-03-29T00:59:59.000Z', '2020-03-29 01:59:59 +01:00 GMT+1'],
    ['Europe/Paris', '2020-03-29T01:00:00.000Z', '2020-03-29 03:00:00 +02:00 GMT+2'],
    ['Europe/Paris', '2020-10-25T00:30:00.000Z', '2020-10-25 02:30:00 +02:00 GMT+2'],
    ['Europe/Paris', '2020-10-25T01:30:00.000Z', '2020-10-25 02:30:00 +01:00 GMT+1']
  ];

  it.each(cases)('%s %s', (zone, iso, expected) => {
    expect(formatDate(at(iso), 'YYYY-MM-DD HH:mm:ss Z z', zone)).toBe(expected);
  });
});

describe('token families', () => {
  const cases: Array<[string, string, string]> = [
    ['MMMM MMM MM M Mo', '2020-01-10T00:30:00.000Z', 'January Jan 01 1 1st'],
    ['MMMM MMM MM M Mo', '2020-12-10T00:30:00.000Z', 'December Dec 12 12 12th'],
    ['Q Qo', '2020-08-10T00:30:00.000Z', '3 3rd'],
    ['YYYYYY YYYYY YYYY YY Y', '2020-01-10T00:30:00.000Z', '+002020 02020 2020 20 2020'],
    ['YYYY YY', '0987-06-05T00:00:00.000Z', '0987 87'],
    ['N NN NNN NNNN NNNNN y yy yyyy yo', '2020-01-10T00:30:00.000Z', 'AD AD AD Anno Domini AD 2020 2020 2020 2020th'],
    ['S SS SSS SSSS SSSSSS SSSSSSSSS', '2020-02-29T23:59:59.987Z', '9 98 987 9870 987000 987000000'],
    ['S SS SSS', '2020-02-29T23:59:59.007Z', '0 00 007'],
    ['X x', '2020-01-10T00:30:00.000Z', '1578616200 1578616200000'],
    ['X x', '2020-01-10T00:30:00.999Z', '1578616200 1578616200999'],
    ['X', '1969-12-31T23:59:59.500Z', '-1'],
    ['Hmm Hmmss hmm hmmss', '2020-01-10T21:05:07.000Z', '2105 210507 905 90507'],
    ['Hmm hmm', '2020-01-10T09:05:07.000Z', '905 905'],
    ['k kk h A', '2020-01-10T12:00:00.000Z', '12 12 12 PM'],
    ['dd ddd dddd do', '2020-01-12T00:00:00.000Z', 'Su Sun Sunday 0th'],
    ['E e', '2020-01-12T00:00:00.000Z', '7 0'],
    ['DDDD DDD DDDo', '2020-12-31T00:00:00.000Z', '366 366 366th'],
    // Locale weeks (en) start on Sunday and week 1 holds 1 January; ISO weeks start on Monday and week 1 holds
    // 4 January. Around new year the two disagree on both the week and its year.
    ['w ww wo gg gggg W WW Wo GG GGGG', '2021-01-03T12:00:00.000Z', '2 02 2nd 21 2021 53 53 53rd 20 2020'],
    ['w ww wo gg gggg W WW Wo GG GGGG', '2021-01-02T12:00:00.000Z', '1 01 1st 21 2021 53 53 53rd 20 2020'],
    ['w ww wo gg gggg W WW Wo GG GGGG', '2020-12-31T12:00:00.000Z', '1 01 1st 21 2021 53 53 53rd 20 2020'],
    ['w ww wo gg gggg W WW Wo GG GGGG', '2020-12-26T12:00:00.000Z', '52 52 52nd 20 2020 52 52 52nd 20 2020'],
    ['w gggg W GGGG', '2019-12-30T12:00:00.000Z', '1 2020 1 2020'],
    ['w gggg W GGGG', '2016-01-01T12:00:00.000Z', '1 2016 53 2015'],
    ['w gggg W GGGG', '2017-01-01T12:00:00.000Z', '1 2017 52 2016'],
    ['w gggg W GGGG', '2022-01-01T12:00:00.000Z', '1 2022 52 2021'],
    ['ggggg GGGGG', '2021-01-03T12:00:00.000Z', '02021 02020'],
    ['L', '2020-01-10T00:30:00.000Z', '01/10/2020'],
    ['l', '2020-01-10T00:30:00.000Z', '1/10/2020'],
    ['LT LTS', '2020-01-10T00:30:00.000Z', '12:30 AM 12:30:00 AM'],
    ['LL', '2020-01-10T00:30:00.000Z', 'January 10, 2020'],
    ['ll', '2020-01-10T00:30:00.000Z', 'Jan 10, 2020'],
    ['LLL', '2020-01-10T14:05:00.000Z', 'January 10, 2020 2:05 PM'],
    ['lll', '2020-01-10T14:05:00.000Z', 'Jan 10, 2020 2:05 PM'],
    ['LLLL', '2020-01-10T14:05:00.000Z', 'Friday, January 10, 2020 2:05 PM'],
    ['llll', '2020-01-10T14:05:00.000Z', 'Fri, Jan 10, 2020 2:05 PM']
  ];

  it.each(cases)('%j at %s', (format, iso, expected) => {
    expect(formatDate(at(iso), format)).toBe(expected);
  });

  it('writes English ordinals', () => {
    const days = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 24, 31];
    const rendered = days.map(day => formatDate(new Date(Date.UTC(2020, 0, day)), 'Do'));
    expect(rendered).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '24th',
      '31st'
    ]);
    // Day-of-year ordinals look at the last two digits: 101st, 111th, 112th, 122nd.
    const yearDays = [101, 111, 112, 113, 122].map(day => formatDate(new Date(Date.UTC(2021, 0, day)), 'DDDo'));
    expect(yearDays).toEqual(['101st', '111th', '112th', '113th', '122nd']);
  });
});

describe('escapes and literal text', () => {
  const cases: Array<[string, string]> = [
    ['[T]', 'T'],
    ['YYYY[T]HH', '2020T00'],
    ['[today is] dddd', 'today is Friday'],
    ['YYYY [YYYY] \\YYYY', '2020 YYYY YYYY'],
    ['[]YYYY', '2020'],
    // A `[` with no closing `]` is plain text, and the `a` after it is the am/pm token.
    ['[abc', '[ambc'],
    ['[a[b]', '[amb'],
    ['\\[a]', '[am]'],
    ['\\L \\LT [LT]', 'L LT LT'],
    ['YYYY/MM/DD_T-g.G', '2020/01/10_T-g.G'],
    // moment reads these as unknown multi-letter tokens and prints them as they are.
    ['ggg GGG w| W|', '20g 20G w| W|'],
    ['YYYY-\nMM', '2020-01'],
    ['[line\nbreak]', 'line\nbreak']
  ];

  it.each(cases)('%j', (format, expected) => {
    expect(formatDate(friday, format)).toBe(expected);
  });

  it("falls back to moment's default format for an empty format", () => {
    expect(formatDate(friday, '')).toBe('2020-01-10T00:30:00Z');
    expect(formatDate(friday, '', 'Asia/Kolkata')).toBe('2020-01-10T06:00:00+05:30');
  });
});

describe('zone abbreviations', () => {
  const cases: Array<[string, string, string]> = [
    ['UTC', '2020-01-10T00:30:00.000Z', 'UTC'],
    ['Etc/UTC', '2020-01-10T00:30:00.000Z', 'UTC'],
    ['GMT', '2020-01-10T00:30:00.000Z', 'GMT'],
    ['America/Los_Angeles', '2020-01-10T00:30:00.000Z', 'PST'],
    ['America/Los_Angeles', '2020-07-10T00:30:00.000Z', 'PDT'],
    ['Europe/London', '2020-01-10T00:30:00.000Z', 'GMT'],
    // Accepted differences from moment-timezone, which prints JST and IST.
    ['Asia/Tokyo', '2020-01-10T00:30:00.000Z', 'GMT+9'],
    ['Asia/Kolkata', '2020-01-10T00:30:00.000Z', 'GMT+5:30']
  ];

  it.each(cases)('%s at %s', (zone, iso, expected) => {
    expect(formatDate(at(iso), 'z zz', zone)).toBe(`${expected} ${expected}`);
  });
});

describe('errors', () => {
  it('names an unknown zone and suggests an IANA name', () => {
    expect(() => formatDate(friday, 'YYYY', 'Mars/Olympus_Mons')).toThrow(DateFormatError);
    expect(() => formatDate(friday, 'YYYY', 'Mars/Olympus_Mons')).toThrow(/"Mars\/Olympus_Mons".*Europe\/Paris/);
    expect(() => formatDate(friday, 'YYYY', '')).toThrow(DateFormatError);
  });

  it('refuses offsets, which moment-timezone would silently treat as UTC', () => {
    expect(() => formatDate(friday, 'YYYY', '+02:00')).toThrow(/offset, not a zone.*Etc\/GMT-2/);
  });

  it('refuses an invalid date rather than printing "Invalid date"', () => {
    expect(() => formatDate(new Date(Number.NaN), 'YYYY')).toThrow(DateFormatError);
  });
});

describe('performance', () => {
  afterEach(() => jest.restoreAllMocks());

  it('creates one Intl formatter per zone, however many dates and formats it renders', () => {
    const created = jest.spyOn(Intl, 'DateTimeFormat');
    for (let i = 0; i < 50; i++) {
      formatDate(new Date(Date.UTC(2020, 0, 1 + i, i % 24)), `YYYYMMDD-HHmm${i}`, 'Pacific/Auckland');
    }
    expect(created).toHaveBeenCalledTimes(1);
    expect(formatDate(friday, 'HH:mm Z', 'Pacific/Auckland')).toBe('13:30 +13:00');
  });

  it('formats the same date and zone again without Intl', () => {
    formatDate(friday, 'YYYY', 'America/Chicago');
    const render = jest.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    expect(formatDate(friday, 'YYYYMMDD-HHmmss', 'America/Chicago')).toBe('20200109-183000');
    expect(render).not.toHaveBeenCalled();
  });

  it('renders a few hundred tags in milliseconds', () => {
    const zones = ['UTC', 'Asia/Tokyo', 'America/New_York', 'Asia/Kolkata'];
    zones.forEach(zone => formatDate(friday, 'YYYY', zone));
    const start = performance.now();
    for (let i = 0; i < 200; i++) {
      formatDate(new Date(friday.getTime() + i * 1000), 'YYYYMMDD-HHmmss', zones[i % zones.length]);
    }
    expect(performance.now() - start).toBeLessThan(20);
  });
});
