"""Finance CLI for approving expense reimbursements."""
import os
from decimal import Decimal

import typer
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from expenses.models import Expense, Employee

app = typer.Typer()
engine = create_engine(os.environ["EXPENSES_DB_URL"])
AUTO_APPROVE_LIMIT = Decimal("50.00")


def _operator(session: Session) -> Employee:
    login = os.environ.get("USER", "")
    emp = session.scalars(select(Employee).where(Employee.login == login)).one_or_none()
    if emp is None or not emp.is_finance_approver:
        typer.echo("not an approver", err=True)
        raise typer.Exit(2)
    return emp


def _mark_approved(expense: Expense, approver: Employee) -> None:  # flaw: self-approval
    expense.status = "approved"
    expense.approved_by_id = approver.id


@app.command()
def approve(expense_id: int):
    with Session(engine) as session:
        approver = _operator(session)
        expense = session.get(Expense, expense_id)
        if expense is None or expense.status != "submitted":
            raise typer.Exit(1)
        _mark_approved(expense, approver)
        session.commit()
        typer.echo(f"expense {expense_id} approved by {approver.login}")


@app.command()
def sweep():
    """Auto-approve small submitted expenses."""
    with Session(engine) as session:
        approver = _operator(session)
        for expense in session.scalars(select(Expense).where(Expense.status == "submitted")):
            if expense.amount <= AUTO_APPROVE_LIMIT:
                _mark_approved(expense, approver)
        session.commit()
