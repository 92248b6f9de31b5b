package org.prismjava.loss;

import java.util.Locale;
import org.prismjava.util.Checks;

/** The progressive loss types the reference offers (spec 7.1); composites via {@link CompositeLoss}. */
public enum LossType {
    /** Mean absolute error, normalised by the target's mean magnitude by default. */
    L1,
    /** Mean squared error, normalised by the target's mean square by default. */
    L2,
    /** {@code (1 - SSIM) / 2}. */
    SSIM,
    /** {@code (1 - MS-SSIM) / 2}. */
    MS_SSIM;

    /** The loss; {@code normalize} applies to L1/L2 only (spec 7.1). */
    public ImageLoss create(boolean normalize) {
        return switch (this) {
            case L1 -> new LpLoss(false, normalize);
            case L2 -> new LpLoss(true, normalize);
            case SSIM -> new DssimLoss(false);
            case MS_SSIM -> new DssimLoss(true);
        };
    }

    /** Lower-case name with a dash ({@code l1, l2, ssim, ms-ssim}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@code l1, l2, ssim, ms-ssim} (also {@code msssim}). */
    public static LossType byName(String name) {
        String s = name == null ? "" : name.toLowerCase(Locale.ROOT).replace("_", "-");
        if (s.equals("msssim")) {
            return MS_SSIM;
        }
        for (LossType t : values()) {
            if (t.id().equals(s)) {
                return t;
            }
        }
        throw Checks.invalid("lossType", name, "must be one of l1, l2, ssim, ms-ssim");
    }
}
