// The working-day calendar, pure and runtime-free: lunar dates for UTC+7, Labour Code holidays,
// the official table's seed, and due-date arithmetic. See docs/calendar.md.
export * from './dates';
export * from './lunar';
export * from './holidays';
export * from './official-breaks';
export * from './work-calendar';
export * from './working-time';
export * from './format';
