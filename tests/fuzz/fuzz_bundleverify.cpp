// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for `quarry-cli verify`: the bundle check walks a ZIP an adversary may have
// written (local headers, central directory, manifest JSON, signature, audit chain), so it must
// survive any bytes.
#include <QDir>
#include <QString>

#include <unistd.h>
#include <cstdint>
#include <cstdio>

#include "evidence/bundle.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const QString path =
        QDir::tempPath() + QStringLiteral("/quarry-fuzz-bundle-%1.zip").arg(getpid());
    FILE* f = std::fopen(path.toLocal8Bit().constData(), "wb");
    if (!f) return 0;
    const bool ok = std::fwrite(data, 1, size, f) == size;
    if (std::fclose(f) != 0 || !ok) return 0;
    (void)quarry::evidence::verifyBundle(path);
    return 0;
}
