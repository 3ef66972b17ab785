"use strict";

const Expense = require("./models/expense");

const APPROVER_ROLES = new Set(["finance", "manager"]);

function httpError(status, message) {
  const err = new Error(message);
  err.status = status;
  return err;
}

async function approveExpense(approver, expenseId, note) {
  if (!APPROVER_ROLES.has(approver.role)) throw httpError(403, "not an approver");

  const expense = await Expense.findById(expenseId);
  if (!expense) throw httpError(404, "expense not found");
  if (String(expense.submittedBy) === String(approver.id)) {
    throw httpError(403, "you cannot approve your own expense");
  }
  if (expense.reportsTo && String(expense.reportsTo) !== String(approver.id) && approver.role !== "finance") {
    throw httpError(403, "only the submitter's manager or finance can approve");
  }

  const updated = await Expense.findOneAndUpdate(
    { _id: expenseId, state: "submitted" },
    { $set: { state: "approved", approvedBy: approver.id, approvalNote: note, approvedAt: new Date() } },
    { new: true }
  );
  if (!updated) throw httpError(409, "expense is no longer awaiting approval");
  return updated;
}

module.exports = { approveExpense };
