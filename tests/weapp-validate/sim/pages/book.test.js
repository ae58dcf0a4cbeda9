// Booking page (pages/book/index?serviceId=…&hallId=…) for the city centre and an item it offers off-hours:
// the 14-day calendar matches the server's slots and calendar (weekend/holiday marks, free seats per day).
const { mountPage } = require('../page-helpers');
const { get, signInCitizen } = require('./lib/api');

const CITY_CENTRE = '忻州市政务服务中心';
const HORIZON_DAYS = 14;

/** YYYY-MM-DD in Asia/Shanghai (+08:00, no DST), `days` after today */
const localDate = (days = 0) => new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);
const shortDate = (date) => `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;

/** The city centre and the first item it offers with off-hours sessions in the next 14 days (from the API). */
async function offHoursItemOfCityCentre(from, to) {
  const halls = (await get('/api/v1/halls?pageSize=50')).items;
  const hall = halls.find((h) => h.name === CITY_CENTRE);
  if (!hall) throw new Error(`${CITY_CENTRE} not among the points: ${halls.map((h) => h.name).join(', ')}`);
  for (const { id } of (await get(`/api/v1/halls/${hall.id}`)).services) {
    const service = await get(`/api/v1/services/${id}`);
    if (!service.bookable || !service.offHours) continue;
    const slots = await get(`/api/v1/slots?hallId=${hall.id}&serviceId=${id}&from=${from}&to=${to}`);
    if (slots.some((s) => s.dayType !== 'workday')) return { hall, service, slots };
  }
  throw new Error(`${CITY_CENTRE} offers no bookable item with off-hours slots between ${from} and ${to}`);
}

test('when a signed-in citizen opens booking for the city centre, then the calendar shows the 14 days with their marks and seats', async () => {
  const from = localDate(0), to = localDate(HORIZON_DAYS - 1);
  const { hall, service, slots } = await offHoursItemOfCityCentre(from, to);
  const calendar = await get(`/api/v1/calendar?from=${from}&to=${to}`);
  await signInCitizen('weapp-check');

  const page = await mountPage('pages/book/index', { serviceId: service.id, hallId: hall.id });

  expect(page.text()).not.toContain('预约前请先登录');
  expect(page.textOf('.book__service-name')).toBe(service.name);
  expect(page.textsOf('.book__hall-name')).toEqual([CITY_CENTRE]);
  expect(page.requests).toEqual(expect.arrayContaining([
    'GET /api/v1/me', // the signed-in citizen's profile (prefills the form)
    `GET /api/v1/services/${service.id}`,
    `GET /api/v1/calendar?from=${from}&to=${to}`,
    `GET /api/v1/slots?hallId=${hall.id}&serviceId=${service.id}&from=${from}&to=${to}`,
  ]));

  const dates = Array.from({ length: HORIZON_DAYS }, (_, i) => localDate(i));
  expect(page.textsOf('.day__date')).toEqual(dates.map(shortDate));
  const typeOf = new Map(calendar.map((d) => [d.date, d]));
  const expected = dates.map((date) => {
    const day = typeOf.get(date) || {};
    const daySlots = slots.filter((s) => s.date === date);
    const seats = daySlots.reduce((n, s) => n + Math.max(0, s.remaining), 0);
    const mark = day.type === 'holiday' ? (day.name ? day.name.slice(0, 3) : '节假日')
      : day.type === 'weekend' ? '双休日'
        : daySlots.length > 0 && (day.type === 'workday' || day.type === 'makeup_workday') ? '延时' : '';
    return { date: shortDate(date), mark, seats: daySlots.length === 0 ? '无号' : seats > 0 ? `余${seats}` : '满' };
  });
  const [shownDates, marks, seats] = ['.day__date', '.day__mark', '.day__seats'].map((sel) => page.textsOf(sel));
  const shown = shownDates.map((date, i) => ({ date, mark: marks[i], seats: seats[i] }));
  expect(shown).toEqual(expected);
  // weekend/holiday days are highlighted (day--off), and the item has sessions on at least one of them
  const offDays = expected.filter((d) => d.mark && d.mark !== '延时');
  expect(page.$$('.day--off').length).toBe(offDays.length);
  expect(offDays.some((d) => d.seats !== '无号')).toBe(true);
  expect(page.$('.day--active')).not.toBeNull();
  page.expectClean();
  page.unmount();
});

test('when 长辈版 is on, then the booking calendar is a list: one row per bookable day with its seats per part of the day', async () => {
  const from = localDate(0), to = localDate(HORIZON_DAYS - 1);
  const { hall, service, slots } = await offHoursItemOfCityCentre(from, to);
  await signInCitizen('weapp-check');
  wx.setStorageSync('xz.elderMode', '1');
  try {
    const page = await mountPage('pages/book/index', { serviceId: service.id, hallId: hall.id });
    expect(page.$$('.day').length).toBe(0); // no grid of small cells
    const bookableDates = [...new Set(slots.map((s) => s.date))].sort();
    const rows = page.textsOf('.slot-days__row');
    expect(rows).toHaveLength(bookableDates.length);
    rows.forEach((row, i) => {
      const [, m, d] = bookableDates[i].split('-');
      expect(row).toMatch(new RegExp(`^${Number(m)}月${Number(d)}日 ?周.`));
      expect(row).toMatch(/(上午|中午|下午|晚间) ?(余\d+|满)|已约满/);
    });
    page.expectClean();
    page.unmount();
  } finally {
    wx.removeStorageSync('xz.elderMode');
  }
});
