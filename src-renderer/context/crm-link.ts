/**
 * The external CRM page of a customer, from the hub's URL template (the Open CTI pattern).
 * The id is URL-encoded, and only an http(s) result is returned: the template comes from the
 * hub's config, but a link the desktop opens must never become javascript: or file:.
 */
export function crmCustomerUrl(template: string | null | undefined, customerId: string): string | null {
  if (!template) return null;
  const filled = template.split('{customerId}').join(encodeURIComponent(customerId));
  try {
    const url = new URL(filled);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}
