/** Step 5: the experiment roadmap, ranked by what the store's data says is worth testing. */
import { Badge, BlockStack, Card, DataTable, List, Text } from "@shopify/polaris";
import { Link } from "@remix-run/react";
import { figureCell, Wrap } from "./Wrap";
import type { StepViews } from "./step-view";

export function TestingData({ view, currency, basePath }: { view: StepViews["testing"]; currency: string; basePath: string }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h3" variant="headingSm">
          Experiment roadmap
        </Text>
        {view.rows.length === 0 ? (
          <Text as="p" tone="subdued">No test can be sized on this store&apos;s data yet.</Text>
        ) : (
          <DataTable
            columnContentTypes={["numeric", "text", "text", "numeric", "numeric", "text"]}
            headings={["Month", "Test and hypothesis", "Who", "Customers per arm", "Months to read", "Feasible"]}
            rows={view.rows.map((r) => [
              String(r.month),
              <Wrap key={r.variable} min={260} max={440}>
                <BlockStack gap="050">
                  <Text as="span" fontWeight="semibold">
                    {r.name}
                  </Text>
                  <Text as="span" variant="bodySm" tone="subdued">
                    {r.hypothesis}
                  </Text>
                </BlockStack>
              </Wrap>,
              <Wrap key="who" min={110} max={180}>
                {r.targetSegment}
              </Wrap>,
              figureCell(r.customersPerArm, currency),
              figureCell(r.readoutMonths, currency),
              r.feasible === null ? <Badge key="f">Unknown</Badge> : r.feasible ? <Badge key="f" tone="success">Yes</Badge> : <Badge key="f" tone="warning">Too few customers</Badge>,
            ])}
          />
        )}
        {view.notes.length > 0 ? (
          <List>
            {view.notes.map((n) => (
              <List.Item key={n}>{n}</List.Item>
            ))}
          </List>
        ) : null}
        <Text as="p">
          Set up and follow tests on the <Link to={`${basePath}/experiments`}>Experiments page</Link>.
        </Text>
      </BlockStack>
    </Card>
  );
}
