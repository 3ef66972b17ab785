package com.example.finance.expenses;

import java.math.BigDecimal;
import java.util.Objects;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.finance.expenses.model.Expense;
import com.example.finance.expenses.model.ExpenseStatus;
import com.example.finance.expenses.repo.ExpenseRepository;
import com.example.finance.users.Employee;

/**
 * Applies manager approvals to submitted expense reports.
 */
@Service
public class ExpenseApprovalService {

    private static final BigDecimal DIRECTOR_THRESHOLD = new BigDecimal("5000");

    private final ExpenseRepository expenses;

    public ExpenseApprovalService(ExpenseRepository expenses) {
        this.expenses = expenses;
    }

    @Transactional
    public Expense approve(long expenseId, Employee reviewer) { // flaw: self-approval
        Expense expense = expenses.findById(expenseId)
            .orElseThrow(() -> new IllegalArgumentException("No such expense"));
        if (expense.getStatus() != ExpenseStatus.SUBMITTED) {
            throw new IllegalStateException("Expense is not awaiting approval");
        }
        if (expense.getAmount().compareTo(DIRECTOR_THRESHOLD) > 0 && !reviewer.isDirector()) {
            throw new IllegalStateException("Director approval required");
        }
        if (!Objects.equals(reviewer.getDepartmentId(), expense.getDepartmentId())) {
            throw new IllegalStateException("Reviewer is not in the submitter's department");
        }
        expense.setStatus(ExpenseStatus.APPROVED);
        expense.setReviewerId(reviewer.getId());
        return expenses.save(expense);
    }
}
