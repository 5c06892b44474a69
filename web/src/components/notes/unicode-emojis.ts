/**
 * The small Unicode set the reaction picker and the composer's `:name:` completion offer (the full
 * Unicode list would weigh more than the rest of the client). Names follow the common shortcodes.
 */
export const UNICODE_EMOJIS: { category: string; emojis: [char: string, name: string][] }[] = [
  { category: 'Faces', emojis: [
    ['😀', 'grinning'], ['😆', 'laughing'], ['😂', 'joy'], ['🥹', 'holding_back_tears'], ['😊', 'blush'], ['😍', 'heart_eyes'],
    ['🥰', 'smiling_face_with_hearts'], ['😘', 'kissing_heart'], ['😋', 'yum'], ['😎', 'sunglasses'], ['🤔', 'thinking'], ['😐', 'neutral_face'],
    ['🙄', 'rolling_eyes'], ['😴', 'sleeping'], ['😢', 'cry'], ['😭', 'sob'], ['😱', 'scream'], ['😡', 'rage'], ['🤯', 'exploding_head'], ['🥳', 'partying_face'],
  ] },
  { category: 'Gestures', emojis: [
    ['👍', 'thumbsup'], ['👎', 'thumbsdown'], ['👏', 'clap'], ['🙏', 'pray'], ['🙌', 'raised_hands'], ['👀', 'eyes'], ['💪', 'muscle'], ['👋', 'wave'], ['🫡', 'saluting_face'],
  ] },
  { category: 'Hearts', emojis: [
    ['❤', 'heart'], ['🧡', 'orange_heart'], ['💛', 'yellow_heart'], ['💚', 'green_heart'], ['💙', 'blue_heart'], ['💜', 'purple_heart'], ['🖤', 'black_heart'], ['💔', 'broken_heart'],
  ] },
  { category: 'Things', emojis: [
    ['🎉', 'tada'], ['✨', 'sparkles'], ['🔥', 'fire'], ['⭐', 'star'], ['💯', '100'], ['✅', 'white_check_mark'], ['❌', 'x'], ['❓', 'question'],
    ['🍊', 'tangerine'], ['🍣', 'sushi'], ['🍺', 'beer'], ['☕', 'coffee'], ['🐱', 'cat'], ['🐶', 'dog'], ['🌸', 'cherry_blossom'], ['🚀', 'rocket'],
  ] },
];

export const UNICODE_LIST = UNICODE_EMOJIS.flatMap((group) => group.emojis);
