/**
 * @file ukcomplaints.h
 * @brief The whole public API of ukcomplaints: include this one header.
 *
 * ukcomplaints turns UK councils' complaint-handling policies into code:
 * classify feedback, compute every deadline on the right UK bank-holiday
 * calendar, and check each step a case takes, with the reason and the policy
 * text behind every answer.
 * @since 0.1.0
 */
#ifndef UKCOMPLAINTS_H
#define UKCOMPLAINTS_H

#include "ukcomplaints/common.h"
#include "ukcomplaints/error.h"
#include "ukcomplaints/ids.h"
#include "ukcomplaints/date.h"
#include "ukcomplaints/calendar.h"
#include "ukcomplaints/explain.h"
#include "ukcomplaints/policy.h"
#include "ukcomplaints/case.h"

#endif /* UKCOMPLAINTS_H */
