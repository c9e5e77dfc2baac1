/** "‹ 2/3 ›": moves between the versions of a message (regenerated answers, edited questions). */
import { LeftIcon, RightIcon } from "./icons";

/** Primitive fields only, so memoised messages re-render only when their own versions change. */
export interface VersionProps {
  versionIndex: number;
  versionCount: number;
  previousId: string | null;
  nextId: string | null;
}

export function VersionSwitch({
  versions,
  what,
  onShow,
  disabled,
}: {
  versions: VersionProps;
  what: "Answer" | "Question";
  onShow: (messageId: string) => void;
  disabled: boolean;
}) {
  const { versionIndex, versionCount, previousId, nextId } = versions;
  if (versionCount < 2) return null;
  const lower = what.toLowerCase();
  return (
    <fieldset className="versions" aria-label={`${what} versions`}>
      <button
        type="button"
        className="icon-button small"
        aria-label={`Previous ${lower} version`}
        disabled={disabled || previousId == null}
        onClick={() => previousId != null && onShow(previousId)}
      >
        <LeftIcon />
      </button>
      <span className="version-count">
        {versionIndex + 1}/{versionCount}
      </span>
      <button
        type="button"
        className="icon-button small"
        aria-label={`Next ${lower} version`}
        disabled={disabled || nextId == null}
        onClick={() => nextId != null && onShow(nextId)}
      >
        <RightIcon />
      </button>
    </fieldset>
  );
}
