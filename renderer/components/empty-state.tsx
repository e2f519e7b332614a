/** The honest middle of the first screen: nothing to trade with yet. Presentational. */
/** Says plainly that the workstation panels are not built yet. */
export function EmptyState() {
  return (
    <section className="empty-state" aria-label="Workstation panels">
      <h1>No panels yet</h1>
      <p>
        The workstation panels (watchlist, chart, option chain, depth ladders, order entry, order and trade book,
        positions) arrive next. The bar below shows the live link to the Tickdesk core.
      </p>
    </section>
  );
}
