// Record ids: a short prefix naming the kind of record, then a zero-padded number, so an id read
// aloud or seen in a log says what it is (inm-000042 is an inmate).

const pad = (index: number, width: number) => String(index + 1).padStart(width, '0');

export const inmateId = (inmate: number) => `inm-${pad(inmate, 6)}`;
export const visitorId = (visitor: number) => `vis-${pad(visitor, 7)}`;
export const contactId = (contact: number) => `ac-${pad(contact, 7)}`;
export const visitRequestId = (request: number) => `vr-${pad(request, 7)}`;
export const visitId = (request: number) => `vst-${pad(request, 7)}`;
export const contactRequestId = (request: number) => `cr-${pad(request, 6)}`;
