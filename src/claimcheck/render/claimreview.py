"""A verdict as schema.org ClaimReview JSON-LD, the markup fact-checkers publish and Google's
Fact Check Explorer indexes (https://schema.org/ClaimReview).

Only what claimcheck knows goes in: the statement, the verdict and why, the evidence with its
verbatim quotes and sources. Who reviewed it, when, and where the statement appeared come from
the user (`Review`) or are left out: a field is never invented.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from claimcheck.models import Evidence, Relation, Verdict, VerifyResult

# The four verdicts on a 1-5 scale, worst to best, with their names in words. A statement the
# database says nothing of gets no number: "not found" is no rating of its truth.
RATINGS: dict[Verdict, tuple[int | None, str]] = {
    Verdict.CONTRADICTED: (1, "False"),
    Verdict.DISPUTED: (3, "Disputed: the sources disagree"),
    Verdict.SUPPORTED: (5, "True"),
    Verdict.NOT_FOUND: (None, "Not found in the claims database"),
}


@dataclass(frozen=True)
class Review:
    """What the user says about the review; None stays out of the markup."""

    author: str | None = None  # the fact-checker or organisation publishing the review
    published: str | None = None  # ISO date of publication
    appearance: str | None = None  # URL where the statement was made


def claim_review(
    result: VerifyResult, review: Review, source_urls: Mapping[str, str | None]
) -> dict[str, Any]:
    """One ClaimReview object; `source_urls` gives each source id's URL where it is known."""
    value, words = RATINGS[result.verdict]
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": words}
    if value is not None:
        rating.update(ratingValue=value, bestRating=5, worstRating=1)
    item: dict[str, Any] = {"@type": "Claim"}
    if review.appearance:
        item["appearance"] = {"@type": "CreativeWork", "url": review.appearance}
    document: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        # a name for this review of this statement: the same statement, the same identifier
        "identifier": "claimcheck-" + hashlib.sha1(result.statement.encode()).hexdigest()[:12],
        "claimReviewed": result.statement,
        "reviewRating": rating,
        "itemReviewed": item,
        "reviewBody": result.why,
        "citation": [_citation(e, source_urls) for e in result.evidence if _cited(e.relation)],
    }
    if review.author:
        document["author"] = {"@type": "Organization", "name": review.author}
    if review.published:
        document["datePublished"] = review.published
    return document


def _cited(relation: Relation) -> bool:
    return relation in (Relation.SUPPORTS, Relation.CONTRADICTS)


def _citation(evidence: Evidence, source_urls: Mapping[str, str | None]) -> dict[str, Any]:
    """The evidence as a quotation of its source (schema.org Quotation, part of a work)."""
    source = evidence.source
    work: dict[str, Any] = {"@type": "CreativeWork", "identifier": source.id}
    if source.title:
        work["name"] = source.title
    if source_urls.get(source.id):
        work["url"] = source_urls[source.id]
    return {
        "@type": "Quotation",
        "text": evidence.quote,
        "identifier": evidence.claim_id,
        "description": f"{evidence.relation.value} the statement: {evidence.claim}",
        "isPartOf": work,
    }
