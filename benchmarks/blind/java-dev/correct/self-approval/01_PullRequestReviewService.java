package com.example.codehost.reviews;

import java.time.Instant;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.codehost.reviews.model.MergeRequest;
import com.example.codehost.reviews.model.Review;
import com.example.codehost.reviews.repo.MergeRequestRepository;
import com.example.codehost.reviews.repo.ReviewRepository;

/**
 * Records approving reviews on merge requests for protected branches.
 */
@Service
public class PullRequestReviewService {

    private final MergeRequestRepository mergeRequests;
    private final ReviewRepository reviews;

    public PullRequestReviewService(MergeRequestRepository mergeRequests, ReviewRepository reviews) {
        this.mergeRequests = mergeRequests;
        this.reviews = reviews;
    }

    @Transactional
    public Review approve(long mergeRequestId, String reviewerId) { // near-miss: self-approval
        MergeRequest mr = mergeRequests.findById(mergeRequestId)
            .orElseThrow(() -> new IllegalArgumentException("Unknown merge request"));
        if (mr.getAuthorId().equals(reviewerId)) {
            throw new AccessDeniedException("Authors cannot approve their own merge requests");
        }
        if (mr.getCommitAuthors().contains(reviewerId)) {
            throw new AccessDeniedException("Reviewers must not have pushed commits to this merge request");
        }
        Review review = new Review(mergeRequestId, reviewerId, Review.Verdict.APPROVED, Instant.now());
        mr.incrementApprovals();
        mergeRequests.save(mr);
        return reviews.save(review);
    }
}
