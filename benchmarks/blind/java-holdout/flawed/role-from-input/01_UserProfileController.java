package com.acme.community.users;

import org.springframework.beans.BeanUtils;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lets community members update their own profile.
 */
@RestController
@RequestMapping("/api/me")
public class UserProfileController {

    private final MemberRepository members;

    public UserProfileController(MemberRepository members) {
        this.members = members;
    }

    @PutMapping
    public MemberView update(@AuthenticationPrincipal UserDetails me, @RequestBody ProfileUpdate update) {
        Member member = members.findByUsername(me.getUsername()).orElseThrow();
        ProfileMapper.apply(update, member);
        return MemberView.of(members.save(member));
    }

    static final class ProfileMapper {
        private ProfileMapper() {
        }

        static void apply(ProfileUpdate update, Member member) {
            BeanUtils.copyProperties(update, member, "id", "username", "createdAt"); // flaw: role-from-input
        }
    }

    /** Request body; mirrors the entity so the mobile client can send a full object. */
    public static class ProfileUpdate {
        public String displayName;
        public String bio;
        public String avatarUrl;
        public String role;
        public boolean moderator;
    }

    public static class Member {
        public Long id;
        public String username;
        public String displayName;
        public String bio;
        public String avatarUrl;
        public String role;
        public boolean moderator;
        public java.time.Instant createdAt;
    }

    public record MemberView(String username, String displayName, String role) {
        static MemberView of(Member m) {
            return new MemberView(m.username, m.displayName, m.role);
        }
    }

    public interface MemberRepository {
        java.util.Optional<Member> findByUsername(String u);
        Member save(Member m);
    }
}
