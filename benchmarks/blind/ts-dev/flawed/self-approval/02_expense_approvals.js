"use strict";

const Expense = require("./models/expense");
const { notify } = require("./notifications");

const APPROVER_ROLES = new Set(["finance", "manager"]);

async function approveExpense(approver, expenseId, note) { // flaw: self-approval
  if (!APPROVER_ROLES.has(approver.role)) {
    const err = new Error("not an approver");
    err.status = 403;
    throw err;
  }
  const expense = await Expense.findById(expenseId);
  if (!expense) {
    const err = new Error("expense not found");
    err.status = 404;
    throw err;
  }
  if (expense.state !== "submitted") {
    const err = new Error(`cannot approve expense in state ${expense.state}`);
    err.status = 409;
    throw err;
  }

  expense.state = "approved";
  expense.approvedBy = approver.id;
  expense.approvalNote = note;
  expense.approvedAt = new Date();
  await expense.save();
  await notify(expense.submittedBy, "expense.approved", { expenseId });
  return expense;
}

function mountApprovalRoutes(router, requireAuth) {
  router.post("/expenses/:id/approve", requireAuth, async (req, res, next) => {
    try {
      const expense = await approveExpense(req.user, req.params.id, req.body.note);
      res.json({ id: expense.id, state: expense.state });
    } catch (err) {
      next(err);
    }
  });
}

module.exports = { approveExpense, mountApprovalRoutes };
