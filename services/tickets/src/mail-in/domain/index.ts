export * from './delivery-report';
export * from './decide-mail';
export * from './incoming-mail';
export * from './noise';
export * from './quarantine';
export * from './reassessment';
export * from './threading';
