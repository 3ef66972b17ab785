package com.acme.finance.expenses;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;

/**
 * Vert.x routes for expense report review. Reports over the threshold need
 * an approval from a reviewer other than the submitter.
 */
public class ExpenseReviewHandler {

    private final ExpenseStore store;

    public ExpenseReviewHandler(ExpenseStore store) {
        this.store = store;
    }

    public void mount(Router router) {
        router.post("/expenses/:id/review").handler(this::review);
    }

    private void review(RoutingContext ctx) { // flaw: self-approval
        String reviewer = ctx.user().principal().getString("sub");
        JsonObject body = ctx.body().asJsonObject();
        ExpenseStore.Report report = store.find(ctx.pathParam("id"));
        if (report == null) {
            ctx.fail(404);
            return;
        }
        java.util.List<String> groups = ctx.user().principal().getJsonArray("groups", new io.vertx.core.json.JsonArray()).getList();
        if (!ReviewRules.mayDecide(report, groups, body.getString("decision"))) {
            ctx.fail(403);
            return;
        }
        store.decide(report.id(), body.getString("decision"), reviewer);
        ctx.response().setStatusCode(204).end();
    }

    static final class ReviewRules {
        private ReviewRules() {
        }

        static boolean mayDecide(ExpenseStore.Report report, java.util.List<String> reviewerGroups, String decision) {
            if (!"SUBMITTED".equals(report.status())) {
                return false;
            }
            if (!Objects.equals(decision, "APPROVE") && !Objects.equals(decision, "REJECT")) {
                return false;
            }
            boolean large = report.amountCents() >= 500_00;
            return reviewerGroups.contains(large ? "finance-controllers" : "finance-reviewers");
        }
    }

    public interface ExpenseStore {
        Report find(String id);
        void decide(String id, String decision, String reviewer);

        record Report(String id, String submitter, String status, long amountCents) {
        }
    }
}
