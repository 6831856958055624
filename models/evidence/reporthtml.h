// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// report.html: a static page (no scripts; a CSP forbids them) with everything from the logs
// escaped.

#include <QString>

#include "bundlecontext.h"

namespace quarry::evidence {

QString reportHtml(const BundleContext& ctx);

}  // namespace quarry::evidence
