/**
 * What each broker can do, for `broker.capabilities`. The UI reads these; it never branches on the
 * broker's name (DESIGN.md, "Broker adapters").
 *
 * Source: seeds/002 (DhanHQ v2): "Full Market Depth" (20 and 200 levels; 5 from the full packet),
 * "Live Market Feed" (5000 instruments per connection), "Orders" (order types, products, validity,
 * AMO), "Live Order Update" (pushed updates). The simulated exchange speaks Dhan's wire with the same
 * limits (issue 4). Kite v3 (seeds/003): 5 levels, 3000 instruments per socket, postbacks/socket
 * order updates.
 */
import type { BrokerCapabilities, BrokerId } from '../../../shared/ipc/contract';

const DHAN_LIKE: Omit<BrokerCapabilities, 'broker'> = {
  depthLevels: [5, 20, 200],
  products: ['CNC', 'INTRADAY', 'MARGIN', 'MTF'],
  orderTypes: ['LIMIT', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_MARKET'],
  validities: ['DAY', 'IOC'],
  amo: true,
  streamingOrderUpdates: true,
  instrumentsPerSocket: 5000,
};

/** Capabilities of `broker`. */
export function capabilitiesOf(broker: BrokerId): BrokerCapabilities {
  if (broker === 'kite') {
    return {
      broker,
      depthLevels: [5],
      products: ['CNC', 'INTRADAY', 'MARGIN', 'MTF'],
      orderTypes: ['LIMIT', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_MARKET'],
      validities: ['DAY', 'IOC'],
      amo: true,
      streamingOrderUpdates: true,
      instrumentsPerSocket: 3000,
    };
  }
  return { broker, ...DHAN_LIKE };
}
