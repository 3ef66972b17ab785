"""Finance CLI for approving expense reimbursements."""
import os

import typer
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from expenses.models import Employee, Expense

app = typer.Typer()
engine = create_engine(os.environ["EXPENSES_DB_URL"])


class SelfApprovalError(Exception):
    pass


def _operator(session: Session) -> Employee:
    login = os.environ.get("USER", "")
    emp = session.scalars(select(Employee).where(Employee.login == login)).one_or_none()
    if emp is None or not emp.is_finance_approver:
        typer.echo("not an approver", err=True)
        raise typer.Exit(2)
    return emp


def _mark_approved(expense: Expense, approver: Employee) -> None:
    if expense.submitted_by_id == approver.id:
        raise SelfApprovalError(expense.id)
    expense.status = "approved"
    expense.approved_by_id = approver.id  # near-miss: self-approval


@app.command()
def approve(expense_id: int):
    with Session(engine) as session:
        approver = _operator(session)
        expense = session.get(Expense, expense_id)
        if expense is None or expense.status != "submitted":
            raise typer.Exit(1)
        try:
            _mark_approved(expense, approver)
        except SelfApprovalError:
            typer.echo("you cannot approve your own expense", err=True)
            raise typer.Exit(3)
        session.commit()
        typer.echo(f"expense {expense_id} approved by {approver.login}")
