// The parameter type of each endpoint the emulator serves; generate.js fills in where the stripe package is.
import { ProductCreateParams, ProductRetrieveParams } from 'STRIPE/esm/resources/Products.js';
import { PriceRetrieveParams } from 'STRIPE/esm/resources/Prices.js';
import { Checkout } from 'STRIPE/esm/resources/Checkout/Sessions.js';
import { BillingPortal } from 'STRIPE/esm/resources/BillingPortal/Sessions.js';
import { CustomerCreateParams, CustomerRetrieveParams, CustomerUpdateParams } from 'STRIPE/esm/resources/Customers.js';
import { SubscriptionRetrieveParams, SubscriptionUpdateParams, SubscriptionListParams, SubscriptionCancelParams } from 'STRIPE/esm/resources/Subscriptions.js';
import { InvoiceRetrieveParams, InvoiceListParams } from 'STRIPE/esm/resources/Invoices.js';
import { InvoicePaymentListParams } from 'STRIPE/esm/resources/InvoicePayments.js';
import { ChargeRetrieveParams } from 'STRIPE/esm/resources/Charges.js';
import { EventRetrieveParams, EventListParams } from 'STRIPE/esm/resources/Events.js';
export interface Endpoints {
  'POST /v1/products': ProductCreateParams;
  'GET /v1/products/{id}': ProductRetrieveParams;
  'GET /v1/prices/{id}': PriceRetrieveParams;
  'POST /v1/checkout/sessions': Checkout.SessionCreateParams;
  'GET /v1/checkout/sessions/{id}': Checkout.SessionRetrieveParams;
  'POST /v1/checkout/sessions/{id}/expire': Checkout.SessionExpireParams;
  'POST /v1/customers': CustomerCreateParams;
  'GET /v1/customers/{id}': CustomerRetrieveParams;
  'POST /v1/customers/{id}': CustomerUpdateParams;
  'GET /v1/subscriptions': SubscriptionListParams;
  'GET /v1/subscriptions/{id}': SubscriptionRetrieveParams;
  'POST /v1/subscriptions/{id}': SubscriptionUpdateParams;
  'DELETE /v1/subscriptions/{id}': SubscriptionCancelParams;
  'GET /v1/invoices': InvoiceListParams;
  'GET /v1/invoices/{id}': InvoiceRetrieveParams;
  'GET /v1/invoice_payments': InvoicePaymentListParams;
  'GET /v1/charges/{id}': ChargeRetrieveParams;
  'POST /v1/billing_portal/sessions': BillingPortal.SessionCreateParams;
  'GET /v1/events': EventListParams;
  'GET /v1/events/{id}': EventRetrieveParams;
}
