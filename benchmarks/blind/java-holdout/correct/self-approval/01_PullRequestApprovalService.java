package com.acme.codereview.approvals;

import java.time.Clock;
import java.util.Objects;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records approvals on change requests. The author can never approve their
 * own change, and approvers must hold reviewer rights on the repository.
 */
@Service
public class PullRequestApprovalService {

    private final ChangeRepository changes;
    private final ReviewerDirectory reviewers;
    private final Clock clock;

    public PullRequestApprovalService(ChangeRepository changes, ReviewerDirectory reviewers, Clock clock) {
        this.changes = changes;
        this.reviewers = reviewers;
        this.clock = clock;
    }

    @Transactional
    public void approve(long changeId, String approver) { // near-miss: self-approval
        Change change = changes.lockById(changeId);
        if (Objects.equals(change.author(), approver)) { // near-miss: self-approval
            throw new AccessDeniedException("authors cannot approve their own change");
        }
        if (!reviewers.canReview(approver, change.repository())) {
            throw new AccessDeniedException("not a reviewer of " + change.repository());
        }
        changes.addApproval(changeId, approver, clock.instant());
        if (changes.approvalCount(changeId) >= change.requiredApprovals()) {
            changes.markMergeable(changeId);
        }
    }

    public record Change(long id, String author, String repository, int requiredApprovals) {
    }

    public interface ChangeRepository {
        Change lockById(long id);
        void addApproval(long id, String approver, java.time.Instant at);
        int approvalCount(long id);
        void markMergeable(long id);
    }

    public interface ReviewerDirectory {
        boolean canReview(String user, String repository);
    }
}
